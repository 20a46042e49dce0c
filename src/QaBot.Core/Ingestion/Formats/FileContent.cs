namespace QaBot.Core.Ingestion.Formats;

/// <summary>What a format reader found in one file: its articles, records it had to leave out (with the reason), and a note.</summary>
internal sealed class FileContent
{
    public List<ReadArticle> Articles { get; } = [];

    /// <summary>Why records were left out, each naming its line (to follow "it", as <see cref="SkippedFile.Reason"/>).</summary>
    public List<string> Problems { get; } = [];

    /// <summary>Something to tell about the whole file (to follow "it"), such as the encoding it was read in.</summary>
    public string? Note { get; set; }

    public static FileContent Single(ReadArticle article)
    {
        var content = new FileContent();
        content.Articles.Add(article);
        return content;
    }
}
