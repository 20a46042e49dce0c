using AngleSharp.Html.Parser;
using Markdig;
using Markdig.Extensions.Yaml;
using Markdig.Syntax;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace QaBot.Core.Ingestion.Formats;

/// <summary>
/// Reads Markdown with Markdig: YAML front matter (parsed by YamlDotNet) gives <c>title</c>, <c>date</c>
/// and <c>url</c>; the body is rendered to HTML and read as HTML is (<see cref="HtmlText"/>), so emphasis,
/// links, tables and raw HTML blocks become plain text and scripts inside them are dropped. Without a
/// front-matter title, the first heading is the title.
/// </summary>
internal static class MarkdownArticleReader
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UseYamlFrontMatter()
        .UsePipeTables()
        .UseGridTables()
        .UseFootnotes()
        .UseAutoLinks()
        .Build();

    private static readonly IDeserializer Yaml = new DeserializerBuilder().Build();

    public static FileContent Read(string markdown)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        var frontMatter = ReadFrontMatter(document, out var note);
        var html = new HtmlParser().ParseDocument(document.ToHtml(Pipeline));

        var title = FrontMatterValue(frontMatter, "title") as string;
        if (string.IsNullOrWhiteSpace(title) && html.QuerySelector("h1, h2, h3, h4, h5, h6") is { } heading)
        {
            title = HtmlText.ToPlainText(heading);
        }

        var article = new ReadArticle(
            HtmlText.ToPlainText(html.Body ?? (AngleSharp.Dom.INode)html),
            title,
            PublishedDates.From(FrontMatterValue(frontMatter, "date")),
            ArticleUrls.Clean(FrontMatterValue(frontMatter, "url") as string));
        var content = FileContent.Single(article);
        content.Note = note;
        return content;
    }

    private static Dictionary<object, object?>? ReadFrontMatter(MarkdownDocument document, out string? note)
    {
        note = null;
        if (document.Descendants<YamlFrontMatterBlock>().FirstOrDefault() is not { } block)
        {
            return null;
        }

        try
        {
            return Yaml.Deserialize<Dictionary<object, object?>>(block.Lines.ToString());
        }
        catch (YamlException ex)
        {
            note = $"has front matter that is not valid YAML ({ex.Message}); its title and date were not used";
            return null;
        }
    }

    private static object? FrontMatterValue(Dictionary<object, object?>? frontMatter, string key)
    {
        if (frontMatter is null)
        {
            return null;
        }

        foreach (var (name, value) in frontMatter)
        {
            if (name is string s && string.Equals(s, key, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return null;
    }
}
