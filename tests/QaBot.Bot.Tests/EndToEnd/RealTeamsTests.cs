using System.CommandLine;
using System.IO.Compression;
using System.Net;
using System.Text.Json.Nodes;
using QaBot.Bot.Tests.TestHelpers;
using QaBot.Cli.Commands;
using QaBot.Testing;

namespace QaBot.Bot.Tests.EndToEnd;

/// <summary>
/// Issue 13 point 7 on the real bot over seeds/: a Teams one-to-one chat hears "Searching 5 articles…"
/// before the answer streams, and <c>qabot teams package</c> writes prompt starters drawn from the index.
/// </summary>
[Collection(RealBotCollection.Name)]
public sealed class RealTeamsTests(RealBotFixture bot) : IDisposable
{
    private readonly TempFolder _temp = new();

    [Fact]
    public async Task TheInformativeUpdateCountsTheIndexedArticles()
    {
        await using var connector = await FakeBotFrameworkServer.StartAsync();
        var activity = ActivityJson.Message("Who did Jaishankar meet at the Pentagon?", serviceUrl: connector.ServiceUrl, conversationId: "a:real-teams", channelId: "msteams");
        activity["conversation"]!["conversationType"] = "personal";

        using var response = await bot.Client.PostAsync("/api/messages", ActivityJson.Content(activity));

        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Accepted);
        var final = await connector.WaitForActivityAsync(a => a.Type == "message", TimeSpan.FromSeconds(45));
        var first = connector.Received.First();
        Assert.Equal("Searching 5 articles…", first.Text);
        Assert.Equal("informative", first.Activity["channelData"]!["streamType"]!.GetValue<string>());
        var claims = ActivityJson.CitationEntity(final.Activity)!["citation"]!.AsArray();
        Assert.NotEmpty(claims);
        Assert.All(claims, c => Assert.Equal("AdaptiveCard", JsonNode.Parse(c!["appearance"]!["text"]!.GetValue<string>())!["type"]!.GetValue<string>()));
    }

    [Fact]
    public async Task TheTeamsPackageOffersPromptStartersAboutTheIndexedArticles()
    {
        var zipPath = _temp.File("qabot-teams.zip");
        var root = new RootCommand { TeamsCommand.Create(bot.Factory.Services) };

        var exitCode = await root.Parse(["teams", "package", "--app-id", Guid.NewGuid().ToString(), "--endpoint", "https://bot.contoso.test/api/messages", "-o", zipPath]).InvokeAsync();

        Assert.Equal(0, exitCode);
        using var zip = ZipFile.OpenRead(zipPath);
        using var stream = zip.GetEntry("manifest.json")!.Open();
        var commands = JsonNode.Parse(stream)!["bots"]![0]!["commandLists"]![0]!["commands"]!.AsArray();
        Assert.InRange(commands.Count, 1, 10);
        Assert.All(commands, c =>
        {
            Assert.InRange(c!["title"]!.GetValue<string>().Length, 1, 32);
            Assert.InRange(c["description"]!.GetValue<string>().Length, 1, 128);
        });
    }

    public void Dispose() => _temp.Dispose();
}
