using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace QaBot.Core.Ingestion.Formats;

/// <summary>
/// Reads an HTML page as an article: AngleSharp parses it, the metadata gives the title
/// (<c>og:title</c>, else the readability title, else <c>&lt;title&gt;</c>), the date
/// (<c>article:published_time</c> and the like, else a <c>&lt;time datetime&gt;</c>) and the canonical URL;
/// page furniture (navigation, side boxes, footers, forms, a site header) is removed, and SmartReader (a
/// port of Mozilla's Readability) finds the main text without scripts or styles. When it finds none, the
/// page's remaining body is read.
/// </summary>
internal static class HtmlArticleReader
{
    /// <summary>
    /// Page furniture, never an article's text: removed before the readability pass (which keeps the whole
    /// body of a short page). A header counts only outside the article (an article's own header holds its headline).
    /// </summary>
    private const string Boilerplate =
        "nav, aside, footer, form, [role=navigation], [role=banner], [role=contentinfo], [role=complementary], [role=search]";

    private static readonly string[] DateProperties =
    [
        "article:published_time", "og:published_time", "datePublished", "date", "dc.date", "dc.date.issued",
        "dcterms.created", "pubdate", "publishdate", "sailthru.date", "parsely-pub-date",
    ];

    public static FileContent Read(string html)
    {
        var document = new HtmlParser().ParseDocument(html);

        // Metadata first: the readability pass changes the document.
        var url = ArticleUrls.Clean(document.QuerySelector("link[rel~=canonical]")?.GetAttribute("href"))
            ?? ArticleUrls.Clean(Meta(document, "og:url"));
        var metaTitle = Meta(document, "og:title") ?? Meta(document, "twitter:title");
        var pageTitle = document.Title;
        var date = DateProperties.Select(p => PublishedDates.Parse(Meta(document, p))).FirstOrDefault(d => d is not null)
            ?? document.QuerySelectorAll("time[datetime]").Select(t => PublishedDates.Parse(t.GetAttribute("datetime"))).FirstOrDefault(d => d is not null);
        RemoveBoilerplate(document);
        var fallback = document.Body is { } body ? HtmlText.ToPlainText(body) : string.Empty;

        SmartReader.Article article;
        using (var reader = new SmartReader.Reader(url ?? "https://localhost/", document) { DisableJSONLD = false })
        {
            article = reader.GetArticle();
        }

        var text = string.Empty;
        if (!string.IsNullOrWhiteSpace(article.Content))
        {
            var main = new HtmlParser().ParseDocument(article.Content);
            text = HtmlText.ToPlainText(main.Body ?? (INode)main);
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            text = fallback;
        }

        var title = metaTitle ?? NonEmpty(article.Title) ?? pageTitle;
        date ??= article.PublicationDate is { } published ? DateOnly.FromDateTime(published) : null;
        return FileContent.Single(new ReadArticle(text, title, date, url));
    }

    private static void RemoveBoilerplate(IHtmlDocument document)
    {
        var furniture = document.QuerySelectorAll(Boilerplate)
            .Concat(document.QuerySelectorAll("header").Where(h => h.Closest("article, main, [role=main]") is null))
            .ToList();
        foreach (var element in furniture)
        {
            element.Remove();
        }
    }

    /// <summary>The content of <c>&lt;meta property|name|itemprop="…"&gt;</c>, if any.</summary>
    private static string? Meta(IHtmlDocument document, string name)
    {
        foreach (var meta in document.Head?.QuerySelectorAll("meta") ?? document.QuerySelectorAll("meta"))
        {
            var key = meta.GetAttribute("property") ?? meta.GetAttribute("name") ?? meta.GetAttribute("itemprop");
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return NonEmpty(meta.GetAttribute("content"));
            }
        }

        return null;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
