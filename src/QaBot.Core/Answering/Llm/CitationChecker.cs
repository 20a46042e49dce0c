using System.Globalization;
using System.Text.RegularExpressions;
using QaBot.Core.Retrieval;

namespace QaBot.Core.Answering.Llm;

/// <summary>
/// Checks a generated answer against the passages the model was given ([1]..[n] in prompt order):
/// markers pointing at no passage are removed, the rest are renumbered in order of first use, and
/// each citation is built from its passage (snippet = the passage text, offsets = the chunk's
/// Start/End in the document). An answer that declines, or keeps no valid marker, is a decline:
/// <see cref="AnswerMessages.NotFound"/> with no citations.
/// </summary>
public static partial class CitationChecker
{
    private static readonly string[] DeclineOpenings =
    [
        "i don't know", "i do not know", "i couldn't find", "i could not find", "i can't find", "i cannot find",
        "i'm not able to find", "i am not able to find", "the sources do not", "the sources don't",
        "the provided sources do not", "the provided sources don't", "none of the sources", "not_found",
    ];

    public static CheckedAnswer Check(string generated, IReadOnlyList<RetrievedChunk> passages)
    {
        ArgumentNullException.ThrowIfNull(passages);
        var text = (generated ?? string.Empty).Trim();
        if (text.Length == 0 || IsDecline(text))
        {
            return Declined(0);
        }

        var firstUse = new List<int>();
        var removed = 0;
        var renumbered = MarkerRegex().Replace(text, match =>
        {
            var kept = new List<int>();
            foreach (Match digits in DigitsRegex().Matches(match.Groups["n"].Value))
            {
                var source = int.Parse(digits.Value, NumberStyles.None, CultureInfo.InvariantCulture);
                if (source < 1 || source > passages.Count)
                {
                    removed++;
                    continue;
                }

                if (!firstUse.Contains(source))
                {
                    firstUse.Add(source);
                }

                var number = firstUse.IndexOf(source) + 1;
                if (!kept.Contains(number))
                {
                    kept.Add(number);
                }
            }

            return string.Concat(kept.Select(n => $"[{n.ToString(CultureInfo.InvariantCulture)}]"));
        });

        if (firstUse.Count == 0)
        {
            return Declined(removed);
        }

        var citations = firstUse
            .Select((source, index) =>
            {
                var passage = passages[source - 1];
                var chunk = passage.Chunk;
                return new Citation(index + 1, chunk.DocumentId, chunk.ChunkId, chunk.Title, chunk.PublishedDate, chunk.Text, chunk.Start, chunk.End, Math.Round(passage.Score, 4));
            })
            .ToList();
        return new CheckedAnswer(Tidy(renumbered), false, citations, removed);
    }

    /// <summary>The model said it does not know: QaBot's own decline sentence, or an answer that opens like one.</summary>
    public static bool IsDecline(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var normalized = text.Replace('’', '\'').Trim().TrimStart('"', '\'', '*', ' ').ToLowerInvariant();
        return normalized.Contains(AnswerMessages.NotFound.ToLowerInvariant().TrimEnd('.'), StringComparison.Ordinal)
            || DeclineOpenings.Any(d => normalized.StartsWith(d, StringComparison.Ordinal));
    }

    private static CheckedAnswer Declined(int removed) => new(AnswerMessages.NotFound, true, [], removed);

    /// <summary>Removes the gaps a dropped marker leaves ("text [9]." became "text .").</summary>
    private static string Tidy(string text)
    {
        text = SpaceBeforePunctuationRegex().Replace(text, "$1");
        text = RepeatedSpaceRegex().Replace(text, " ");
        return string.Join('\n', text.Split('\n').Select(l => l.TrimEnd())).Trim();
    }

    /// <summary>A run of markers such as [1], [1, 2], [1;2], [Source 3], or "[1] [2]" (taken as one group).</summary>
    [GeneratedRegex(@"(?<n>\[\s*(?:source\s*)?\d{1,6}(?:\s*[,;]\s*(?:source\s*)?\d{1,6})*\s*\](?:[ \t]*\[\s*(?:source\s*)?\d{1,6}(?:\s*[,;]\s*(?:source\s*)?\d{1,6})*\s*\])*)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MarkerRegex();

    [GeneratedRegex(@"\d+")]
    private static partial Regex DigitsRegex();

    [GeneratedRegex(@"[ \t]+([.,;:!?])")]
    private static partial Regex SpaceBeforePunctuationRegex();

    [GeneratedRegex(@"[ \t]{2,}")]
    private static partial Regex RepeatedSpaceRegex();
}
