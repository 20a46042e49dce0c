using System.Net;
using QaBot.Bot.Tests.TestHelpers;

namespace QaBot.Bot.Tests.Documents;

public sealed class DocumentsApiTests : IClassFixture<DocumentsApiTests.Host>
{
    private readonly HttpClient _client;

    public DocumentsApiTests(Host host) => _client = host.Client;

    [Fact]
    public async Task TheCitedPassageIsHighlightedAndScrolledTo()
    {
        var text = "Jaishankar discusses bilateral partnership.\n\nJaishankar also met US Secretary of Defence Pete Hegseth at the Pentagon.";
        var start = text.IndexOf("Jaishankar also", StringComparison.Ordinal);

        var page = await _client.GetStringAsync($"/documents/000_0ae4d377a3db1007?start={start}&end={text.Length}");

        Assert.Contains("<mark id=\"cited\">Jaishankar also met US Secretary of Defence Pete Hegseth at the Pentagon.</mark>", page, StringComparison.Ordinal);
        Assert.Contains("<h1>Jaishankar discusses bilateral partnership</h1>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MarkupInADocumentRendersAsTextAndNoScriptMayRun()
    {
        using var response = await _client.GetAsync($"/documents/{FakeDocumentSource.HostileId}?start=0&end=500");
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("<script>", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>", page, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;", page, StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/documents/no_such_doc", HttpStatusCode.NotFound)]
    [InlineData("/documents/bad$id", HttpStatusCode.BadRequest)]
    [InlineData("/documents/..%2F..%2Fetc%2Fpasswd", HttpStatusCode.BadRequest)]
    [InlineData("/documents/000_0ae4d377a3db1007?start=-5&end=999999", HttpStatusCode.OK)]
    [InlineData("/documents/000_0ae4d377a3db1007?start=abc", HttpStatusCode.BadRequest)]
    public async Task UnknownOrInvalidDocumentsGetProblemDetails(string url, HttpStatusCode expected)
    {
        using var response = await _client.GetAsync(url);

        Assert.Equal(expected, response.StatusCode);
        if (expected != HttpStatusCode.OK)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    public sealed class Host : IAsyncLifetime
    {
        private readonly BotHostFactory _factory = new();

        public HttpClient Client { get; private set; } = null!;

        public Task InitializeAsync()
        {
            Client = _factory.CreateClient();
            return Task.CompletedTask;
        }

        public async Task DisposeAsync()
        {
            Client.Dispose();
            await _factory.DisposeAsync();
        }
    }
}
