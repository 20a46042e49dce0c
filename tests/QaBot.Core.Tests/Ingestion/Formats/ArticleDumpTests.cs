using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using QaBot.Core.Configuration;
using QaBot.Core.Ingestion;
using QaBot.Testing;

namespace QaBot.Core.Tests.Ingestion.Formats;

/// <summary>Article dumps (JSON Lines, CSV): one article per record; a bad record is named by its line and the rest is read.</summary>
public sealed class ArticleDumpTests : IDisposable
{
    private readonly TempFolder _folder = new("qabot-dumps-");
    private readonly CorpusLoader _loader = new(Options.Create(new CorpusOptions()), NullLogger<CorpusLoader>.Instance);

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task JsonLinesRecordsBecomeArticlesAndBadLinesAreNamed()
    {
        File.WriteAllText(_folder.File("feed.jsonl"), string.Join('\n',
            """{"ID": 17, "Title": "Dockers vote to strike", "Body": "Dockers at the port voted to strike on Monday.", "Date": "Wed, 02 Jul 2025 06:50:00 GMT", "URL": "https://news.example/17"}""",
            "",
            """{"title": "Not closed", "body": "oops" """,
            """["an", "array"]""",
            """{"title": "No text here", "url": "javascript:alert(1)"}""",
            """{"text": "A record without a title or id. It has two sentences.", "url": "javascript:alert(1)"}"""));

        var result = await _loader.LoadAsync(_folder.Path);

        Assert.Equal(["17", "feed-6"], result.Documents.Select(d => d.Id));
        var first = result.Documents[0];
        Assert.Equal(("Dockers vote to strike", new DateOnly(2025, 7, 2), "https://news.example/17"), (first.Title, first.PublishedDate, first.Url));
        Assert.Equal("Dockers vote to strike\n\nDockers at the port voted to strike on Monday.", first.Text);
        var second = result.Documents[1];
        Assert.Equal(("A record without a title or id.", null), (second.Title, second.Url));
        Assert.Equal(
            ["has a line (3) that is not valid JSON (", "has a line (4) that is not a JSON object", "has a record on line 5 without text (no body or text field)"],
            result.Skipped.Select(s => s.Reason.StartsWith("has a line (3)", StringComparison.Ordinal) ? s.Reason[..39] : s.Reason));
        Assert.All(result.Skipped, s => Assert.Equal(_folder.File("feed.jsonl"), s.Path));
    }

    [Fact]
    public async Task CsvRowsBecomeArticlesWithQuotedSeparatorsAndLineBreaks()
    {
        File.WriteAllText(_folder.File("export.csv"),
            "url;Body;title;date\n" +
            "https://news.example/a;\"Rain closed the coast road; crews cleared it by noon.\nTraffic is back to normal.\";Coast road reopens;14 March 2025\n" +
            ";\"<p>Markets <b>rose</b> on Friday.</p>\";;2025-03-15\n" +
            ";;Only a title;2025-03-16\n");

        var result = await _loader.LoadAsync(_folder.Path);

        Assert.Equal(["export-2", "export-4"], result.Documents.Select(d => d.Id));
        var road = result.Documents[0];
        Assert.Equal(("Coast road reopens", new DateOnly(2025, 3, 14), "https://news.example/a"), (road.Title, road.PublishedDate, road.Url));
        Assert.Equal("Coast road reopens\n\nRain closed the coast road; crews cleared it by noon.\nTraffic is back to normal.", road.Text);
        Assert.Equal("Markets rose on Friday.", result.Documents[1].Text);
        Assert.Equal("has a record on line 5 without text (no body or text field)", Assert.Single(result.Skipped).Reason);
    }

    [Fact]
    public async Task ACsvWithoutATextColumnIsSkippedWithItsColumnsNamed()
    {
        File.WriteAllText(_folder.File("prices.csv"), "ticker,price\nABC,12.5\n");

        var result = await _loader.LoadAsync(_folder.Path);

        Assert.Empty(result.Documents);
        Assert.Equal("has no body or text column (its columns: ticker, price; QaBot reads title, body or text, date, url, id)", Assert.Single(result.Skipped).Reason);
    }

    [Fact]
    public async Task AnUnterminatedQuoteIsNamedByItsLine()
    {
        File.WriteAllText(_folder.File("broken.csv"), "id,text\na,\"First article. Fine.\"\nb,\"Never closed\n");

        var result = await _loader.LoadAsync(_folder.Path);

        Assert.Equal("a", Assert.Single(result.Documents).Id);
        Assert.StartsWith("has a malformed row on line 3", Assert.Single(result.Skipped).Reason, StringComparison.Ordinal);
    }
}
