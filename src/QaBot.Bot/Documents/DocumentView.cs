namespace QaBot.Bot.Documents;

/// <summary>An article as the document page shows it; citation offsets point into <see cref="Text"/>.</summary>
public sealed record DocumentView(string Id, string Title, DateOnly? PublishedDate, string Text);
