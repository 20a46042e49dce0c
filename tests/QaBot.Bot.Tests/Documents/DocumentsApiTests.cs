using System.Net;
using QaBot.Bot.Tests.TestHelpers;
using QaBot.Bot.Documents;
using QaBot.Core.Answering;

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
    [InlineData("/documents/bad%07id", HttpStatusCode.BadRequest)]
    [InlineData("/documents/zero%E2%80%8Bwidth", HttpStatusCode.BadRequest)]
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

    /// <summary>Issue 12, row 3: ids from file names with spaces or accents answered 400 ("Invalid document id").</summary>
    [Theory]
    [InlineData("rt name with spaces")]
    [InlineData("rt_quillab\u00e9e")]
    public async Task AnIdWithSpacesOrAccentsOpensThroughTheLinkCitationsCarry(string documentId)
    {
        var link = DocumentLinks.For(new Uri("http://localhost/"), new Citation(1, documentId, documentId + "#0", "Title", null, "Its id", 0, 6, 1));

        using var response = await _client.GetAsync(link.PathAndQuery);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<mark id=\"cited\">Its id</mark>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
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
