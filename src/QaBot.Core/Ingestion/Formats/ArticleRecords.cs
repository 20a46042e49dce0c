using System.Globalization;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace QaBot.Core.Ingestion.Formats;

/// <summary>
/// One record of an article dump (a JSON Lines object, a CSV row) as an article: fields <c>title</c>,
/// <c>body</c> or <c>text</c>, <c>date</c>, <c>url</c> and <c>id</c>, matched without regard to case.
/// A body holding HTML elements (as many exports do) is read as HTML.
/// </summary>
internal static class ArticleRecords
{
    public const string FieldList = "title, body or text, date, url, id";

    /// <summary>Adds the record's article to <paramref name="content"/>, or a problem naming its line when it has no text.</summary>
    public static void Add(FileContent content, int line, Func<string, string?> field)
    {
        var text = NonEmpty(field("body")) ?? NonEmpty(field("text"));
        if (text is null)
        {
            content.Problems.Add(string.Create(CultureInfo.InvariantCulture, $"has a record on line {line} without text (no body or text field)"));
            return;
        }

        content.Articles.Add(new ReadArticle(
            PlainText(text),
            NonEmpty(field("title")),
            PublishedDates.Parse(field("date")),
            ArticleUrls.Clean(field("url")),
            NonEmpty(field("id")),
            line));
    }

    /// <summary>The body as plain text: HTML elements read as a page's are (<see cref="HtmlText"/>), other text as it is.</summary>
    internal static string PlainText(string body)
    {
        var text = body.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        if (!text.Contains('<', StringComparison.Ordinal))
        {
            return text;
        }

        var document = new HtmlParser().ParseDocument(text);
        return document.Body is { } html && html.Descendants<IElement>().Any() ? HtmlText.ToPlainText(html) : text;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
