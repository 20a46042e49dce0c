using System.IO.Compression;
using System.Text.Json.Nodes;
using QaBot.Core.Channels;
using QaBot.Core.Configuration;
using QaBot.Testing;

namespace QaBot.Bot.Tests.Teams;

public sealed class TeamsAppPackageTests : IDisposable
{
    private readonly TempFolder _temp = new();

    [Fact]
    public async Task ThePackageHoldsTheManifestForTheAppIdAndEndpointAndBothIcons()
    {
        var appId = Guid.NewGuid().ToString();
        var zipPath = _temp.File("qabot.zip");

        await TeamsAppPackage.WriteAsync(Path.Combine(QaBotPaths.FindRoot(), "teams"), appId, new Uri("https://qabot.example.com/api/messages"), zipPath);

        using var zip = ZipFile.OpenRead(zipPath);
        Assert.Equal(["color.png", "manifest.json", "outline.png"], zip.Entries.Select(e => e.FullName).Order());
        JsonObject manifest;
        using (var stream = zip.GetEntry("manifest.json")!.Open())
        {
            manifest = JsonNode.Parse(stream)!.AsObject();
        }

        Assert.Equal("1.22", manifest["manifestVersion"]!.GetValue<string>());
        Assert.EndsWith("/v1.22/MicrosoftTeams.schema.json", manifest["$schema"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(appId, manifest["id"]!.GetValue<string>());
        Assert.Equal(appId, manifest["bots"]![0]!["botId"]!.GetValue<string>());
        Assert.Equal("qabot.example.com", manifest["validDomains"]![0]!.GetValue<string>());
        Assert.Equal("https://qabot.example.com/", manifest["developer"]!["websiteUrl"]!.GetValue<string>());
        Assert.DoesNotContain("${{", manifest.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal((192, 192), PngSize(zip.GetEntry("color.png")!));
        Assert.Equal((32, 32), PngSize(zip.GetEntry("outline.png")!));
    }

    [Theory]
    [InlineData("not-a-guid", "https://qabot.example.com/api/messages")]
    [InlineData("7c1f2a4e-1111-4222-8333-944455556666", "http://qabot.example.com/api/messages")]
    public async Task BadArgumentsAreRefused(string appId, string endpoint) =>
        await Assert.ThrowsAsync<ArgumentException>(() => TeamsAppPackage.WriteAsync(Path.Combine(QaBotPaths.FindRoot(), "teams"), appId, new Uri(endpoint), _temp.File("x.zip")));

    public void Dispose() => _temp.Dispose();

    private static (int Width, int Height) PngSize(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        var header = new byte[24];
        stream.ReadExactly(header);
        return (System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(16)), System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(20)));
    }
}
