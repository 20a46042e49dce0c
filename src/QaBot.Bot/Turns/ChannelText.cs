using System.Text;
using System.Text.RegularExpressions;

namespace QaBot.Bot.Turns;

/// <summary>
/// Text going in and out of channels: incoming questions are cleaned (mentions, control characters);
/// outgoing answer and snippet text is escaped so document content shows as text, never as markup or
/// links, and truncated without cutting a <c>[n]</c> marker in half.
/// </summary>
public static partial class ChannelText
{
    public const string Ellipsis = "…";

    /// <summary>The question a user typed: Teams mentions of the bot removed, control characters dropped, whitespace collapsed.</summary>
    public static string CleanIncoming(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var withoutMentions = MentionTag().Replace(text, " ");
        var builder = new StringBuilder(withoutMentions.Length);
        foreach (var c in withoutMentions)
        {
            builder.Append(char.IsControl(c) || char.IsWhiteSpace(c) ? ' ' : c);
        }

        return Whitespace().Replace(builder.ToString(), " ").Trim();
    }

    /// <summary>
    /// Answer text for a markdown-rendering channel (Teams, Web Chat): <c>&amp;</c>, <c>&lt;</c>, <c>&gt;</c>
    /// become entities (shown as the characters, never parsed as HTML) and <c>](</c> cannot form a link.
    /// <c>[n]</c> citation markers are kept as they are.
    /// </summary>
    public static string EscapeMarkdownText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length + 16);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '&':
                    builder.Append("&amp;");
                    break;
                case '<':
                    builder.Append("&lt;");
                    break;
                case '>':
                    builder.Append("&gt;");
                    break;
                case '(' when i > 0 && text[i - 1] == ']':
                    builder.Append("&#40;");
                    break;
                case '\r':
                    break;
                default:
                    if (!char.IsControl(c) || c == '\n' || c == '\t')
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// Snippet text for an Adaptive Card TextBlock (markdown subset): every markdown-significant character
    /// is backslash-escaped and line breaks flattened, so a snippet can neither format nor link.
    /// </summary>
    public static string EscapeCardMarkdown(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (c is '\\' or '*' or '_' or '[' or ']' or '(' or ')' or '#' or '`' or '~' or '>' or '<' or '!' or '|' or '-' or '+')
            {
                builder.Append('\\').Append(c);
            }
            else if (char.IsControl(c) || char.IsWhiteSpace(c))
            {
                builder.Append(' ');
            }
            else
            {
                builder.Append(c);
            }
        }

        return Whitespace().Replace(builder.ToString(), " ").Trim();
    }

    /// <summary>Plain text cut to at most <paramref name="maxChars"/> characters at a word boundary, with an ellipsis.</summary>
    public static string Shorten(string text, int maxChars)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxChars, 2);
        var flat = Whitespace().Replace(text, " ").Trim();
        if (flat.Length <= maxChars)
        {
            return flat;
        }

        var cut = maxChars - 1;
        var space = flat.LastIndexOf(' ', cut - 1, Math.Min(cut, 40));
        if (space > 0)
        {
            cut = space;
        }

        return SafeCut(flat, cut).TrimEnd() + Ellipsis;
    }

    /// <summary>
    /// Cuts <paramref name="text"/> so its UTF-8 form (with the ellipsis) takes at most <paramref name="maxUtf8Bytes"/>
    /// bytes, moving the cut before any <c>[n]</c> marker it would split. Text that fits is returned unchanged.
    /// </summary>
    public static string TruncateKeepingMarkers(string text, int maxUtf8Bytes)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfNegative(maxUtf8Bytes);
        if (Encoding.UTF8.GetByteCount(text) <= maxUtf8Bytes)
        {
            return text;
        }

        var budget = maxUtf8Bytes - Encoding.UTF8.GetByteCount(Ellipsis);
        if (budget <= 0)
        {
            return string.Empty;
        }

        var cut = 0;
        var used = 0;
        while (cut < text.Length)
        {
            var width = char.IsHighSurrogate(text[cut]) && cut + 1 < text.Length ? 2 : 1;
            var bytes = Encoding.UTF8.GetByteCount(text.AsSpan(cut, width));
            if (used + bytes > budget)
            {
                break;
            }

            used += bytes;
            cut += width;
        }

        // Do not leave "[1" or "[12" behind: move the cut before an unclosed bracket of a marker.
        var open = text.LastIndexOf('[', Math.Max(0, cut - 1));
        if (open >= 0 && open < cut && text.IndexOf(']', open) is var close && (close < 0 || close >= cut))
        {
            cut = open;
        }

        // Likewise an HTML entity produced by escaping ("&amp;").
        var amp = text.LastIndexOf('&', Math.Max(0, cut - 1));
        if (amp >= 0 && amp < cut && text.IndexOf(';', amp) is var semi && (semi < 0 || semi >= cut) && cut - amp <= 6)
        {
            cut = amp;
        }

        return SafeCut(text, cut).TrimEnd() + Ellipsis;
    }

    /// <summary>The citation numbers whose <c>[n]</c> marker appears in the text.</summary>
    public static IReadOnlySet<int> MarkersIn(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var numbers = new HashSet<int>();
        foreach (Match match in Marker().Matches(text))
        {
            if (int.TryParse(match.Groups[1].ValueSpan, System.Globalization.CultureInfo.InvariantCulture, out var n))
            {
                numbers.Add(n);
            }
        }

        return numbers;
    }

    private static string SafeCut(string text, int length)
    {
        if (length > 0 && length < text.Length && char.IsHighSurrogate(text[length - 1]))
        {
            length--;
        }

        return text[..length];
    }

    [GeneratedRegex(@"<at\b[^>]*>.*?</at>", RegexOptions.IgnoreCase | RegexOptions.Singleline, matchTimeoutMilliseconds: 1000)]
    private static partial Regex MentionTag();

    [GeneratedRegex(@"\s+", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"\[(\d{1,3})\]", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Marker();
}
