using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using QaBot.Core.Configuration;
using QaBot.Core.Ingestion;
using QaBot.Core.Text;

namespace QaBot.Core.Tests.Ingestion;

/// <summary>
/// Issue 14: the committed test corpus (tests/corpora/mixed) holds one file of each kind QaBot reads, plus a
/// file with binary bytes past its first 8 KB and a file of another type. Loaded by the real loader, each
/// article has a clean title, its date and URL where the file gives them, and text without markup.
/// </summary>
public sealed class MixedCorpusLoadingTests
{
    private static readonly string Corpus = Path.Combine(QaBotPaths.FindRoot(), "tests", "corpora", "mixed");

    [Fact]
    public async Task EveryFormatGivesACleanArticleAndTheBinaryAndOtherFilesAreNamed()
    {
        var loader = new CorpusLoader(Options.Create(new CorpusOptions()), NullLogger<CorpusLoader>.Instance);

        var result = await loader.LoadAsync(Corpus);

        var documents = result.Documents.ToDictionary(d => d.Id);
        Assert.Equal(
            ["Quillabée market report", "cafe-brulee-cp1252", "glenmoor-robotics", "kestrel-valley-harvest", "port-elsie-ferry", "riverton-footbridge", "wire-0412", "wire-2025-2"],
            documents.Keys.Order(StringComparer.Ordinal));

        // HTML: og:title, article:published_time, the canonical URL; the article without navigation, header, aside, footer, scripts or styles.
        var html = documents["riverton-footbridge"];
        Assert.Equal(("Riverton council approves new footbridge", new DateOnly(2025, 3, 14), "https://gazette.example/news/2025/03/riverton-footbridge"), (html.Title, html.PublishedDate, html.Url));
        Assert.Contains("at a cost of 4.2 million dollars.", html.Text, StringComparison.Ordinal);
        foreach (var boilerplate in (string[])["Obituaries", "serving the Ash Valley", "Ten recipes", "All rights reserved", "quarterlyTrackingBeacon", "footerTrackingPixel", "font-family", "Subscribe"])
        {
            Assert.DoesNotContain(boilerplate, html.Text, StringComparison.Ordinal);
        }

        // Markdown: front matter title, date and url; the text without Markdown syntax or the raw block's script.
        var markdown = documents["port-elsie-ferry"];
        Assert.Equal(("Port Elsie ferry to resume sailings after refit", new DateOnly(2025, 4, 2), "https://harbour-news.example/port-elsie-ferry"), (markdown.Title, markdown.PublishedDate, markdown.Url));
        Assert.Contains("The ferry between Port Elsie and Gannet Island will resume sailing on 3 May", markdown.Text, StringComparison.Ordinal);
        Assert.Contains("the harbour master, Iona Beck, announced", markdown.Text, StringComparison.Ordinal);
        foreach (var syntax in (string[])["---", "**", "](", "# ", "| ---", "<div", "alert(", "title:"])
        {
            Assert.DoesNotContain(syntax, markdown.Text, StringComparison.Ordinal);
        }

        // PDF (made by LibreOffice): the metadata title, the text in reading order with its lines joined into paragraphs.
        var pdf = documents["kestrel-valley-harvest"];
        Assert.Equal(("Kestrel Valley orchards report a record apple harvest", new DateOnly(2025, 10, 9)), (pdf.Title, pdf.PublishedDate));
        Assert.Contains("The Kestrel Valley fruit cooperative picked 18,400 tonnes of apples this autumn, the largest harvest in its forty-year history", pdf.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("%PDF", pdf.Text, StringComparison.Ordinal);

        // JSON Lines: one article per record, id from the id field or file and line; an HTML body read as HTML.
        Assert.Equal(("Lakeside library extends Saturday opening hours", new DateOnly(2025, 5, 20), "https://wire.example/2025/0412"), (documents["wire-0412"].Title, documents["wire-0412"].PublishedDate, documents["wire-0412"].Url));
        var tram = documents["wire-2025-2"];
        Assert.Equal(("Northgate tram line to close for track repairs", new DateOnly(2025, 7, 28)), (tram.Title, tram.PublishedDate));
        Assert.Contains("will close for nine days in August", tram.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("<", tram.Text, StringComparison.Ordinal);

        // CSV: quoted commas and line breaks inside the body.
        var csv = documents["glenmoor-robotics"];
        Assert.Equal(("Glenmoor pupils win national robotics cup", new DateOnly(2024, 11, 18)), (csv.Title, csv.PublishedDate));
        Assert.Contains("won the national robotics cup in Leeds, beating 32 teams", csv.Text, StringComparison.Ordinal);
        Assert.Contains("Owen Marsh", csv.Text, StringComparison.Ordinal);

        // Windows-1252: read, with a note; the accents, the euro sign and the curly quotes survive.
        var cafe = documents["cafe-brulee-cp1252"];
        Assert.Equal("Café Brûlée in Montréal wins regional pastry award", cafe.Title);
        Assert.Contains("Sébastien Lévesque, won the €5,000 prize for a maple “mille-feuille”", cafe.Text, StringComparison.Ordinal);
        var note = Assert.Single(result.Notes);
        Assert.Equal("cafe-brulee-cp1252.txt", Path.GetFileName(note.Path));
        Assert.Contains("read as Windows-1252", note.Note, StringComparison.Ordinal);

        // A file name with spaces and an accent keeps them in its id.
        Assert.Equal("Quillabée market reopens after flood repairs", documents["Quillabée market report"].Title);

        // Binary bytes past the first 8 KB: skipped and named; the PNG is counted as another type.
        var skipped = Assert.Single(result.Skipped);
        Assert.Equal("sensor-log.txt", Path.GetFileName(skipped.Path));
        Assert.StartsWith("looks binary", skipped.Reason, StringComparison.Ordinal);
        Assert.Equal("harbour-photo.png", Path.GetFileName(Assert.Single(result.OtherFiles)));

        // Every title and text is clean (Normalize is the identity on them) and titles are one line.
        foreach (var document in result.Documents)
        {
            Assert.Same(document.Text, TextNormalizer.Normalize(document.Text));
            Assert.Equal(document.Title, TextNormalizer.ForDisplay(document.Title));
            Assert.DoesNotContain('\n', document.Title);
            Assert.DoesNotContain('<', document.Title);
        }
    }
}
