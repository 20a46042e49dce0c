using System.Text;

namespace QaBot.Core.Text;

/// <summary>
/// Splits text into lower-cased word tokens (runs of letters and digits), the unit shared by the
/// GloVe embedder, the keyword query and sentence scoring. Diacritics are kept; apostrophes split
/// ("India's" gives "india" and "s"), as in the GloVe vocabulary.
/// </summary>
public static class WordTokenizer
{
    public static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        foreach (var (start, length) in Spans(text))
        {
            tokens.Add(text.Substring(start, length).ToLowerInvariant());
        }

        return tokens;
    }

    /// <summary>Start and length of each token in <paramref name="text"/>.</summary>
    public static IEnumerable<(int Start, int Length)> Spans(string text)
    {
        var i = 0;
        while (i < text.Length)
        {
            if (!IsWordChar(text, i))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < text.Length && IsWordChar(text, i))
            {
                i += char.IsSurrogatePair(text, i) ? 2 : 1;
            }


            yield return (start, i - start);
        }
    }

    private static bool IsWordChar(string text, int index)
    {
        if (Rune.DecodeFromUtf16(text.AsSpan(index), out var rune, out _) != System.Buffers.OperationStatus.Done)
        {
            return false; // a lone surrogate is not part of a word
        }

        return Rune.IsLetterOrDigit(rune) || Rune.GetUnicodeCategory(rune) == System.Globalization.UnicodeCategory.NonSpacingMark;
    }
}
