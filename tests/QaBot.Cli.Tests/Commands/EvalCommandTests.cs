using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using QaBot.Cli.Commands;
using QaBot.Cli.Tests.TestHelpers;
using QaBot.Core.Answering;
using QaBot.Core.Configuration;
using QaBot.Testing;

namespace QaBot.Cli.Tests.Commands;

public sealed class EvalCommandTests : IDisposable
{
    private const string Questions = """
        {"id":"a1","question":"Who did Jaishankar meet?","expected":[["Hegseth"]],"sources":["doc-a"],"answerable":true}
        {"id":"broken","question":
        {"id":"u1","question":"What is unknown here?","expected":[],"sources":[],"answerable":false}
        {"id":"a2","context":["Who did Jaishankar meet?"],"question":"And then?","expected":[["Austin"]],"sources":["doc-a"],"answerable":true}
        """;

    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("qabot-eval-cli-");

    public void Dispose() => _dir.Delete(recursive: true);

    private string QuestionsPath
    {
        get
        {
            var path = Path.Combine(_dir.FullName, "set.jsonl");
            File.WriteAllText(path, Questions);
            return path;
        }
    }

    private static ServiceProvider Services() => new ServiceCollection()
        .AddSingleton<IAnsweringService, FixedAnsweringService>()
        .AddOptions()
        .BuildServiceProvider();

    private static Task<int> RunAsync(IServiceProvider services, params string[] args)
    {
        var root = new RootCommand("test");
        root.Subcommands.Add(EvalCommand.Create(services));
        return root.Parse(["eval", .. args]).InvokeAsync();
    }

    [Fact]
    public async Task RunsTheSetSkipsTheBadLineAndWritesTheThreeReports()
    {
        using var services = Services();
        var output = Path.Combine(_dir.FullName, "out");

        var exit = await RunAsync(services, "--questions", QuestionsPath, "--out", output, "--min-accuracy", "0.6");

        Assert.Equal(0, exit);
        Assert.All(new[] { "report.json", "report.md", "report.html" }, name => Assert.True(File.Exists(Path.Combine(output, name)), name));
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "report.json")));
        var root = report.RootElement;
        Assert.Equal(2, root.GetProperty("skippedLines")[0].GetProperty("line").GetInt32());
        Assert.Equal(["a1", "u1", "a2"], root.GetProperty("cases").EnumerateArray().Select(c => c.GetProperty("id").GetString()));
        Assert.Equal(2.0 / 3, root.GetProperty("metrics").GetProperty("accuracy").GetDouble(), 9);
        Assert.Equal("answer lacks \"Austin\"", root.GetProperty("cases")[2].GetProperty("failureReason").GetString());
    }

    [Fact]
    public async Task AccuracyBelowTheFloorExitsWithOne()
    {
        using var services = Services();

        var exit = await RunAsync(services, "--questions", QuestionsPath, "--out", Path.Combine(_dir.FullName, "out"), "--min-accuracy", "0.9");

        Assert.Equal(EvalCommand.ExitBelowFloor, exit);
    }

    [Theory]
    [InlineData("--min-accuracy", "1.5")]
    [InlineData("--top-k", "0")]
    [InlineData("--endpoint", "not/absolute")]
    public async Task BadOptionsExitWithTwo(string option, string value)
    {
        using var services = Services();

        Assert.Equal(EvalCommand.ExitBadInput, await RunAsync(services, "--questions", QuestionsPath, option, value));
    }

    [Fact]
    public async Task AMissingQuestionFileOrBaselineExitsWithTwo()
    {
        using var services = Services();

        Assert.Equal(EvalCommand.ExitBadInput, await RunAsync(services, "--questions", Path.Combine(_dir.FullName, "none.jsonl")));
        Assert.Equal(EvalCommand.ExitBadInput, await RunAsync(services, "--questions", QuestionsPath, "--baseline", Path.Combine(_dir.FullName, "none.json")));
    }

    [Fact]
    public async Task TopKBecomesTheRetrieversTopKAndTheKOfRecall()
    {
        using var services = Services();
        var output = Path.Combine(_dir.FullName, "out");

        Assert.Equal(0, await RunAsync(services, "--questions", QuestionsPath, "--out", output, "--top-k", "3"));

        Assert.Equal(3, services.GetRequiredService<IOptions<RetrievalOptions>>().Value.TopK);
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "report.json")));
        Assert.Equal(3, report.RootElement.GetProperty("config").GetProperty("topK").GetInt32());
    }

    [Fact]
    public async Task ABaselineAddsTheComparison()
    {
        using var services = Services();
        var first = Path.Combine(_dir.FullName, "first");
        var second = Path.Combine(_dir.FullName, "second");
        Assert.Equal(0, await RunAsync(services, "--questions", QuestionsPath, "--out", first));

        Assert.Equal(0, await RunAsync(services, "--questions", QuestionsPath, "--out", second, "--baseline", Path.Combine(first, "report.json")));

        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(second, "report.json")));
        var comparison = report.RootElement.GetProperty("comparison");
        Assert.Equal(0, comparison.GetProperty("regressed").GetArrayLength());
        Assert.Contains("## Against the baseline", await File.ReadAllTextAsync(Path.Combine(second, "report.md")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThresholdSweepKeepsEveryAnswerAndReportsAtTheThresholdInForce()
    {
        using var services = new ServiceCollection()
            .AddSingleton<IAnsweringService, FixedAnsweringService>()
            .Configure<AnsweringOptions>(o => o.DeclineThreshold = 0.4)
            .BuildServiceProvider();
        var output = Path.Combine(_dir.FullName, "out");

        Assert.Equal(0, await RunAsync(services, "--questions", QuestionsPath, "--out", output, "--threshold-sweep"));

        Assert.Equal(0, services.GetRequiredService<IOptions<AnsweringOptions>>().Value.DeclineThreshold);     // every answer kept
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "report.json")));
        var root = report.RootElement;
        Assert.Equal(0.4, root.GetProperty("config").GetProperty("declineThreshold").GetDouble());
        var sweep = root.GetProperty("thresholdSweep");
        Assert.Equal(0.4, sweep.GetProperty("inForce").GetDouble());
        Assert.Equal(3, sweep.GetProperty("casesWithoutConfidence").GetInt32());           // the fake gives no confidence
        var rows = sweep.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(Enumerable.Range(0, 20).Select(i => i / 20.0), rows.Select(r => r.GetProperty("threshold").GetDouble()));
        Assert.All(rows, r => Assert.Equal(2, r.GetProperty("passed").GetInt32()));       // no confidence: the same at every threshold
        Assert.Contains("## Decline threshold sweep", await File.ReadAllTextAsync(Path.Combine(output, "report.md")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThresholdSweepNeedsAThresholdAndTheInProcessService()
    {
        using var services = Services();         // neither a configured threshold nor an answer model
        var output = Path.Combine(_dir.FullName, "out");

        Assert.Equal(EvalCommand.ExitBadInput, await RunAsync(services, "--questions", QuestionsPath, "--out", output, "--threshold-sweep"));
        Assert.Equal(EvalCommand.ExitBadInput, await RunAsync(services, "--questions", QuestionsPath, "--out", output, "--threshold-sweep", "--endpoint", "http://127.0.0.1:9"));
        Assert.False(File.Exists(Path.Combine(output, "report.json")));
    }

    [Fact]
    public async Task AnUnreachableBotExitsWithTwoAtTheFirstCase()
    {
        using var services = new ServiceCollection().AddOptions().BuildServiceProvider();
        using var closed = new ClosedLoopbackPort();

        var exit = await RunAsync(services, "--questions", QuestionsPath, "--out", Path.Combine(_dir.FullName, "out"), "--endpoint", closed.BaseUrl);

        Assert.Equal(EvalCommand.ExitBadInput, exit);
        Assert.False(File.Exists(Path.Combine(_dir.FullName, "out", "report.json")));
    }

    [Fact]
    public async Task TheEndpointModeEvaluatesABotOverApiMessages()
    {
        await using var bot = new LoopbackBot();
        using var services = new ServiceCollection().AddOptions().BuildServiceProvider();     // no answering service needed
        var output = Path.Combine(_dir.FullName, "out");

        var exit = await RunAsync(services, "--questions", QuestionsPath, "--out", output, "--endpoint", bot.BaseUrl.ToString());

        Assert.Equal(0, exit);
        Assert.Equal(4, bot.Received.Count);                         // a1, u1, and a2's context turn + question
        Assert.Equal(bot.Received[2]["conversation"]!["id"]!.GetValue<string>(), bot.Received[3]["conversation"]!["id"]!.GetValue<string>());
        Assert.NotEqual(bot.Received[0]["conversation"]!["id"]!.GetValue<string>(), bot.Received[1]["conversation"]!["id"]!.GetValue<string>());
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "report.json")));
        var cases = report.RootElement.GetProperty("cases");
        Assert.Equal([true, true, false], cases.EnumerateArray().Select(c => c.GetProperty("passed").GetBoolean()));
        Assert.Equal("doc-a", cases[0].GetProperty("citations")[0].GetProperty("documentId").GetString());
        Assert.True(cases[1].GetProperty("declined").GetBoolean());
        Assert.Equal(JsonValueKind.Null, report.RootElement.GetProperty("metrics").GetProperty("recallAtK").ValueKind);
        Assert.StartsWith("endpoint http://127.0.0.1:", report.RootElement.GetProperty("config").GetProperty("target").GetString(), StringComparison.Ordinal);
    }
}
