namespace QaBot.Bot.Turns;

/// <summary>
/// One cited sentence (or run of sentences) of an article: its character range [<see cref="Start"/>,
/// <see cref="End"/>) in the document text, the cited <see cref="Text"/>, and a little of the text around it.
/// </summary>
public sealed record CitedSegment(int Start, int End, string Before, string Text, string After);
