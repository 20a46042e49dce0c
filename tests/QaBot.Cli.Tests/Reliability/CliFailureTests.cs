using QaBot.Cli.Tests.TestHelpers;
using QaBot.Testing;

namespace QaBot.Cli.Tests.Reliability;

/// <summary>Faults outside QaBot end the CLI with a plain message and exit code 2, never a stack trace.</summary>
public sealed class CliFailureTests
{
    [Fact]
    public async Task IndexingWithAnUnreachableEmbeddingServiceEndsWithAPlainMessageAndNoStackTrace()
    {
        using var embeddings = new FakeEmbeddingsServer();
        using var sandbox = new IndexSandbox(embeddings);
        HarbourCorpus.Write(sandbox.CorpusPath, 3);
        var environment = sandbox.Environment().ToDictionary();
        using var closed = new ClosedLoopbackPort();
        environment["QaBot__Embeddings__Ollama__Endpoint"] = closed.BaseUrl;

        using var run = await QabotCli.RunAsync(environment, TimeSpan.FromSeconds(60), "index");

        var output = run.StandardOutput + run.StandardError;
        Assert.True(run.ExitCode == 2, $"exit code {run.ExitCode}:\n{output}");
        Assert.Contains("Error: a remote service (embeddings or LLM) failed: Connection refused", run.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }
}
