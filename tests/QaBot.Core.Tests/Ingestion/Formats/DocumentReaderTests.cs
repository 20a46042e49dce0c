using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using QaBot.Core.Configuration;
using QaBot.Core.Ingestion;
using QaBot.Testing;

namespace QaBot.Core.Tests.Ingestion.Formats;

/// <summary>Markdown, HTML and PDF files read by the real loader: titles, dates and text as a reader sees them.</summary>
public sealed class DocumentReaderTests : IDisposable
{
    private readonly TempFolder _folder = new("qabot-readers-");
    private readonly CorpusLoader _loader = new(Options.Create(new CorpusOptions()), NullLogger<CorpusLoader>.Instance);

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task MarkdownWithoutFrontMatterTakesItsFirstHeadingAndADatelineUnderIt()
    {
        File.WriteAllText(_folder.File("story.md"), "# Riverton *council* approves `bridge`\n\n_March 14, 2025_\n\nThe council voted 7 to 2.\nIt met on Thursday.\n\n- one point\n- another point\n");

        var document = Assert.Single((await _loader.LoadAsync(_folder.Path)).Documents);

        Assert.Equal(("Riverton council approves bridge", new DateOnly(2025, 3, 14)), (document.Title, document.PublishedDate));
        Assert.Equal("Riverton council approves bridge\n\nMarch 14, 2025\n\nThe council voted 7 to 2. It met on Thursday.\n\none point\nanother point", document.Text);
    }

    [Fact]
    public async Task FrontMatterThatIsNotYamlIsNotedAndTheBodyIsStillRead()
    {
        File.WriteAllText(_folder.File("story.md"), "---\ntitle: [unclosed\n---\n\nBody text of the story. More.\n");

        var result = await _loader.LoadAsync(_folder.Path);

        Assert.Equal("Body text of the story.", Assert.Single(result.Documents).Title);
        Assert.StartsWith("has front matter that is not valid YAML", Assert.Single(result.Notes).Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HtmlWithoutAnArticleKeepsTheBodyWithoutItsFurnitureAndTakesTheTitleElementAndATimeElement()
    {
        File.WriteAllText(_folder.File("page.htm"), """
            <html><head><title>Tide tables &amp; notices</title><script>var hidden = "scriptWords";</script></head>
            <body><nav>Home Sport</nav><div>High tide at 06:12.</div><div hidden>Hidden promo.</div><time datetime="2025-06-01T05:00:00+02:00">1 June</time>
            <table><tr><td>Mon</td><td>06:12</td></tr></table><footer>Footer words</footer></body></html>
            """);

        var document = Assert.Single((await _loader.LoadAsync(_folder.Path)).Documents);

        Assert.Equal(("Tide tables & notices", new DateOnly(2025, 6, 1), null), (document.Title, document.PublishedDate, document.Url));
        Assert.Contains("High tide at 06:12.", document.Text, StringComparison.Ordinal);
        foreach (var hidden in (string[])["scriptWords", "Hidden promo", "Home Sport", "Footer words", "<"])
        {
            Assert.DoesNotContain(hidden, document.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task TerminalEscapeSequencesInAnArticleAreDroppedWholeWhenItIsRead()
    {
        // Seven control characters among more than 140 bytes: text, not binary.
        var body = string.Concat(Enumerable.Repeat("Cranes worked through the night. ", 4));
        File.WriteAllText(_folder.File("hostile.txt"), $"Zorbavik \u001b]0;pwned\u0007harbour report\u001b[2J\u001b[H\n\nThe harbour handled \u001b[31mred\u001b[0m containers.\u0007 {body}\n");

        var document = Assert.Single((await _loader.LoadAsync(_folder.Path)).Documents);

        Assert.Equal("Zorbavik harbour report", document.Title);
        Assert.Equal($"Zorbavik harbour report\n\nThe harbour handled red containers.  {body}\n", document.Text);
    }

    [Fact]
    public async Task AFileNamedPdfThatIsNotOneIsSkippedWithAClearReason()
    {
        File.WriteAllText(_folder.File("report.pdf"), "This is plain text pretending to be a PDF.");
        File.WriteAllBytes(_folder.File("scan.pdf"), Encoding.ASCII.GetBytes("%PDF-1.4\n%broken\n"));

        var result = await _loader.LoadAsync(_folder.Path);

        Assert.Empty(result.Documents);
        Assert.All(result.Skipped, s => Assert.StartsWith("is not a readable PDF (", s.Reason, StringComparison.Ordinal));
        Assert.Equal(2, result.Skipped.Count);
    }
}
