namespace QaBot.Bot.Documents;

/// <summary>An article as the document page shows it; citation offsets point into <see cref="Text"/>; <see cref="Url"/> is its own address, if any.</summary>
public sealed record DocumentView(string Id, string Title, DateOnly? PublishedDate, string Text, string? Url = null);
