using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace QaBot.Core.Text;

/// <summary>
/// The one place text is cleaned, for input and for output.
/// <list type="bullet">
/// <item><see cref="Normalize"/>: what the analyzer, the indexer and the question path read — Unicode NFKC
/// (fullwidth letters, ligatures and compatibility forms become plain ones) with terminal escape
/// sequences and format characters (zero-width space and joiners, soft hyphen, bidi marks, BOM) removed
/// and other control characters turned into spaces; line breaks and tabs are kept.</item>
/// <item><see cref="ForDisplay"/>: what any output shows (terminal, HTML, Teams) — terminal escape
/// sequences and every control and format character removed, line breaks and tabs kept.</item>
/// </list>
/// Both keep text that needs no change as the same string instance, so calling them is cheap.
/// </summary>
public static partial class TextNormalizer
{
    /// <summary>Characters that never need cleaning: printable ASCII, line feed, carriage return and tab.</summary>
    private static readonly SearchValues<char> PlainAscii = SearchValues.Create(
        "\t\n\r !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~");

    /// <summary>The text as the analyzer and the indexer read it (see the type's summary).</summary>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var first = FirstToClean(text);
        if (first < 0)
        {
            return IsNormalizedKC(text) ? text : NormalizeKC(text);
        }

        // A terminal escape sequence is not text: dropped whole, so no "[31m" is left behind its ESC.
        var source = text.AsSpan(first).IndexOfAny('\u001B', '\u009B') >= 0
            ? EscapeSequenceRegex().Replace(text, string.Empty)
            : text;

        // Runs of characters that need nothing are copied as they are; a control character becomes a
        // space and a format character is dropped (most text has a few, or one at its end).
        var buffer = ArrayPool<char>.Shared.Rent(source.Length);
        try
        {
            var length = 0;
            var at = 0;
            while (at < source.Length)
            {
                var next = FirstToClean(source.AsSpan(at));
                var end = next < 0 ? source.Length : at + next;
                source.AsSpan(at, end - at).CopyTo(buffer.AsSpan(length));
                length += end - at;
                if (next < 0)
                {
                    break;
                }

                if (Classify(source[end]) == CharKind.Control)
                {
                    buffer[length++] = ' ';
                }

                at = end + 1;
            }

            var cleaned = new string(buffer, 0, length);
            return IsNormalizedKC(cleaned) ? cleaned : NormalizeKC(cleaned);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    /// <summary>ASCII is always in NFKC (a vectorised check); other text is asked of ICU. A lone surrogate counts as not normalised.</summary>
    private static bool IsNormalizedKC(string text)
    {
        if (Ascii.IsValid(text))
        {
            return true;
        }

        try
        {
            return text.IsNormalized(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static string NormalizeKC(string cleaned)
    {
        try
        {
            return cleaned.Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            // A lone surrogate cannot be normalised: drop such code units and try again.
            var valid = new StringBuilder(cleaned.Length);
            for (var i = 0; i < cleaned.Length; i++)
            {
                if (char.IsSurrogatePair(cleaned, i))
                {
                    valid.Append(cleaned[i]).Append(cleaned[i + 1]);
                    i++;
                }
                else if (!char.IsSurrogate(cleaned[i]))
                {
                    valid.Append(cleaned[i]);
                }
            }

            return valid.ToString().Normalize(NormalizationForm.FormKC);
        }
    }

    /// <summary>The text with terminal escape sequences, control characters (but line breaks and tabs) and format characters removed.</summary>
    public static string ForDisplay(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (IsClean(text))
        {
            return text;
        }

        var withoutEscapes = EscapeSequenceRegex().Replace(text, string.Empty);
        var builder = new StringBuilder(withoutEscapes.Length);
        foreach (var c in withoutEscapes)
        {
            if (Classify(c) == CharKind.Keep)
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// The text with each run of white space made one space and none left at either end; every other
    /// character goes through <paramref name="map"/>.
    /// </summary>
    public static string CollapseWhitespace(string text, Func<char, char> map)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(map);
        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(map(c));
        }

        return builder.ToString();
    }

    private static bool IsClean(string text) => FirstToClean(text) < 0;

    /// <summary>
    /// Where the first character that needs cleaning is (-1: none): a vectorised search for anything but
    /// printable ASCII, line feed, carriage return and tab, then a look at each such character.
    /// </summary>
    private static int FirstToClean(ReadOnlySpan<char> text)
    {
        var offset = 0;
        while (true)
        {
            var next = text[offset..].IndexOfAnyExcept(PlainAscii);
            if (next < 0)
            {
                return -1;
            }

            offset += next;
            if (Classify(text[offset]) != CharKind.Keep)
            {
                return offset;
            }

            offset++;
        }
    }

    private static CharKind Classify(char c)
    {
        if (c < 0x20)
        {
            return c is '\n' or '\r' or '\t' ? CharKind.Keep : CharKind.Control;
        }

        if (c < 0x7F)
        {
            return CharKind.Keep;
        }

        return CharUnicodeInfo.GetUnicodeCategory(c) switch
        {
            UnicodeCategory.Control => CharKind.Control,
            UnicodeCategory.Format => CharKind.Format,
            _ => c == '\uFFFD' ? CharKind.Format : CharKind.Keep,
        };
    }

    /// <summary>ANSI/VT escape sequences: CSI (ESC [ … final), OSC (ESC ] … BEL or ST), and two-character escapes; also the 8-bit CSI.</summary>
    [GeneratedRegex(@"\x1B\[[0-?]*[ -/]*[@-~]|\x1B\][^\x07\x1B]*(?:\x07|\x1B\\)?|\x1B[@-Z\\-_]|\x9B[0-?]*[ -/]*[@-~]")]
    private static partial Regex EscapeSequenceRegex();

    private enum CharKind
    {
        Keep,
        Control,
        Format,
    }
}
