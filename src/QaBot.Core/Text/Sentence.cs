namespace QaBot.Core.Text;

/// <summary>A sentence and its character offsets [Start, End) in the text it was split from.</summary>
public sealed record Sentence(int Start, int End, string Text)
{
    public int Length => End - Start;
}
