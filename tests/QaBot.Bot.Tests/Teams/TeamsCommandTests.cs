using System.CommandLine;
using System.IO.Compression;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using QaBot.Cli.Commands;
using QaBot.Core.Configuration;
using QaBot.Testing;

namespace QaBot.Bot.Tests.Teams;

public sealed class TeamsCommandTests : IDisposable
{
    private readonly TempFolder _temp = new();

    [Fact]
    public async Task TeamsPackageWritesTheZipForTheGivenAppIdAndEndpoint()
    {
        var appId = Guid.NewGuid().ToString();
        var zipPath = _temp.File("out/qabot-teams.zip");

        var exitCode = await Root().Parse(["teams", "package", "--app-id", appId, "--endpoint", "https://bot.contoso.test:8443/api/messages", "-o", zipPath]).InvokeAsync();

        Assert.Equal(0, exitCode);
        using var zip = ZipFile.OpenRead(zipPath);
        using var stream = zip.GetEntry("manifest.json")!.Open();
        var manifest = JsonNode.Parse(stream)!;
        Assert.Equal(appId, manifest["bots"]![0]!["botId"]!.GetValue<string>());
        Assert.Equal("bot.contoso.test:8443", manifest["validDomains"]![0]!.GetValue<string>());
    }

    [Theory]
    [InlineData("not-a-guid", "https://bot.contoso.test/api/messages")]
    [InlineData("7c1f2a4e-1111-4222-8333-944455556666", "not a url")]
    [InlineData("7c1f2a4e-1111-4222-8333-944455556666", "http://bot.contoso.test/api/messages")]
    public async Task BadArgumentsExitWithAnErrorAndWriteNothing(string appId, string endpoint)
    {
        var zipPath = _temp.File("bad.zip");

        var exitCode = await Root().Parse(["teams", "package", "--app-id", appId, "--endpoint", endpoint, "-o", zipPath]).InvokeAsync();

        Assert.NotEqual(0, exitCode);
        Assert.False(File.Exists(zipPath));
    }

    public void Dispose() => _temp.Dispose();

    private static RootCommand Root()
    {
        var services = new ServiceCollection().AddSingleton(new QaBotRoot(QaBotPaths.FindRoot())).BuildServiceProvider();
        return new RootCommand { TeamsCommand.Create(services) };
    }
}
