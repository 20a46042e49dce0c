using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using QaBot.Core.Text;

namespace QaBot.Bot.Documents;

/// <summary>
/// A readable HTML page for an article with each cited range marked — the first with <c>id="cited"</c>,
/// so the link's <c>#cited</c> scrolls to it — and nothing between them. Every piece of document text is
/// cleaned for display (escape sequences, control and format characters removed — after the cited ranges
/// are cut, so the offsets still match) and
/// HTML-encoded.
/// </summary>
public static class DocumentPageRenderer
{
    public static string Render(DocumentView document, int? start, int? end) =>
        Render(document, start is { } s && end is { } e && e > s ? [(s, e)] : []);

    /// <param name="ranges">Sorted, non-overlapping character ranges to highlight (see <see cref="DocumentLinks.ParseRanges"/>).</param>
    public static string Render(DocumentView document, IReadOnlyList<(int Start, int End)> ranges)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(ranges);
        var html = HtmlEncoder.Default;
        var text = document.Text;
        var title = TextNormalizer.ForDisplay(document.Title);
        var id = TextNormalizer.ForDisplay(document.Id);

        var body = new StringBuilder(text.Length + 1024);
        var position = 0;
        var marked = 0;
        foreach (var (start, end) in ranges)
        {
            var from = Math.Max(start, position);
            var to = Math.Min(end, text.Length);
            if (from < 0 || from >= to)
            {
                continue;
            }

            AppendParagraphs(body, text[position..from], html);
            body.Append(marked == 0 ? "<mark id=\"cited\">" : "<mark>");
            AppendParagraphs(body, text[from..to], html);
            body.Append("</mark>");
            position = to;
            marked++;
        }

        AppendParagraphs(body, text[position..], html);

        var date = document.PublishedDate is { } d
            ? $"<p class=\"date\">{html.Encode(d.ToString("d MMMM yyyy", CultureInfo.InvariantCulture))}</p>"
            : string.Empty;
        var source = DocumentLinks.Original(document.Url) is { } original
            ? $"<p class=\"date\">Original: <a href=\"{html.Encode(original.AbsoluteUri)}\" rel=\"noopener noreferrer nofollow\">{html.Encode(original.AbsoluteUri)}</a></p>"
            : string.Empty;
        return $$"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{{html.Encode(title)}} · QaBot</title>
            <style>
            body { font: 17px/1.6 Georgia, 'Times New Roman', serif; color: #1f2328; background: #fafaf7; margin: 0; }
            header { font: 14px system-ui, sans-serif; padding: 12px 24px; border-bottom: 1px solid #ddd; background: #fff; }
            header a { color: #0b5cad; text-decoration: none; }
            article { max-width: 720px; margin: 32px auto; padding: 0 24px; }
            h1 { font-size: 28px; line-height: 1.25; }
            .date { color: #666; font: 14px system-ui, sans-serif; }
            .text { white-space: pre-wrap; }
            mark { background: #fff3a3; padding: 2px 0; scroll-margin-top: 40vh; }
            </style>
            </head>
            <body>
            <header><a href="/">← QaBot</a> · source article <code>{{html.Encode(id)}}</code></header>
            <article>
            <h1>{{html.Encode(title)}}</h1>
            {{date}}
            {{source}}
            <div class="text">{{body}}</div>
            </article>
            </body>
            </html>
            """;
    }

    private static void AppendParagraphs(StringBuilder builder, string text, HtmlEncoder encoder) =>
        builder.Append(encoder.Encode(TextNormalizer.ForDisplay(text)));
}
