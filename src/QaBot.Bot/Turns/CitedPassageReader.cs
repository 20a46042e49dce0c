using System.Text.RegularExpressions;
using QaBot.Bot.Documents;
using QaBot.Core.Answering;
using QaBot.Core.Text;

namespace QaBot.Bot.Turns;

/// <summary>
/// Finds what each citation cites in its article. A citation may join sentences that lie far apart
/// ("first … second", its offsets spanning both): each part is located on its own inside the cited span,
/// so the document page highlights exactly those sentences and nothing between them. Each segment
/// carries the sentence before and after it, so a snippet can show the answer within its context.
/// </summary>
public sealed partial class CitedPassageReader(IDocumentSource documents, ILogger<CitedPassageReader> logger)
{
    /// <summary>How the extractive composer joins sentences of one article in a snippet.</summary>
    public const string SnippetJoiner = " … ";

    /// <summary>Longest context kept on each side of a cited segment.</summary>
    public const int MaxContextChars = 220;

    public async Task<IReadOnlyList<CitedPassage>> ReadAsync(IReadOnlyList<Citation> citations, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(citations);
        var texts = new Dictionary<string, string?>(StringComparer.Ordinal);
        var passages = new List<CitedPassage>(citations.Count);
        foreach (var citation in citations)
        {
            if (!texts.TryGetValue(citation.DocumentId, out var text))
            {
                try
                {
                    text = (await documents.FindAsync(citation.DocumentId, cancellationToken).ConfigureAwait(false))?.Text;
                }
                catch (InvalidOperationException ex)
                {
                    LogDocumentUnreadable(logger, citation.DocumentId, ex.Message);
                    text = null;
                }

                texts[citation.DocumentId] = text;
            }

            passages.Add(text is null ? CitedPassage.WithoutContext(citation) : Locate(citation, text));
        }

        return passages;
    }

    /// <summary>The cited segments of <paramref name="citation"/> in <paramref name="documentText"/>.</summary>
    public static CitedPassage Locate(Citation citation, string documentText)
    {
        ArgumentNullException.ThrowIfNull(citation);
        ArgumentNullException.ThrowIfNull(documentText);
        var spanStart = Math.Clamp(citation.SnippetStart, 0, documentText.Length);
        var spanEnd = Math.Clamp(citation.SnippetEnd, spanStart, documentText.Length);
        var sentences = SentenceSplitter.Split(documentText);
        var segments = LocateParts(citation.Snippet, documentText, sentences, spanStart, spanEnd)
            ?? LocateParts(citation.Snippet, documentText, sentences, 0, documentText.Length);
        if (segments is null)
        {
            // The snippet is not text of the article (a paraphrase): highlight the span as given, show the snippet.
            return new CitedPassage(citation, [new CitedSegment(spanStart, spanEnd, string.Empty, citation.Snippet, string.Empty)]);
        }

        return new CitedPassage(citation, segments);
    }

    /// <summary>Each part of the snippet in reading order within [from, to), or null when a part is not there.</summary>
    private static List<CitedSegment>? LocateParts(string snippet, string text, IReadOnlyList<Sentence> sentences, int from, int to)
    {
        var segments = new List<CitedSegment>();
        foreach (var part in snippet.Split(SnippetJoiner, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Find(text, part, from, to) is not { } found)
            {
                return null;
            }

            segments.Add(Segment(text, sentences, found.Start, found.End));
            from = found.End;
        }

        return segments.Count > 0 ? segments : null;
    }

    private static CitedSegment Segment(string text, IReadOnlyList<Sentence> sentences, int start, int end)
    {
        var before = sentences.LastOrDefault(s => s.End <= start && s.Text.Trim().Length > 0);
        var after = sentences.FirstOrDefault(s => s.Start >= end && s.Text.Trim().Length > 0);
        return new CitedSegment(
            start,
            end,
            before is null ? string.Empty : TailOf(Flatten(before.Text), MaxContextChars),
            Flatten(text[start..end]),
            after is null ? string.Empty : ChannelText.Shorten(Flatten(after.Text), MaxContextChars));
    }

    /// <summary>Where <paramref name="part"/> occurs in [from, to), matching any run of white space to any other.</summary>
    private static (int Start, int End)? Find(string text, string part, int from, int to)
    {
        var exact = text.IndexOf(part, from, to - from, StringComparison.Ordinal);
        if (exact >= 0)
        {
            return (exact, exact + part.Length);
        }

        var words = WhiteSpace().Split(part.Trim());
        if (words.Length == 0 || words.All(w => w.Length == 0))
        {
            return null;
        }

        var pattern = new Regex(string.Join(@"\s+", words.Select(Regex.Escape)), RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        var match = pattern.Match(text, from, to - from);
        return match.Success ? (match.Index, match.Index + match.Length) : null;
    }

    private static string Flatten(string text) => WhiteSpace().Replace(text, " ").Trim();

    private static string TailOf(string text, int maxChars)
    {
        if (text.Length <= maxChars)
        {
            return text;
        }

        var cut = text.Length - maxChars + 1;
        var space = text.IndexOf(' ', cut);
        return ChannelText.Ellipsis + text[(space > 0 && space - cut < 40 ? space + 1 : cut)..];
    }

    [GeneratedRegex(@"\s+", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex WhiteSpace();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read document {DocumentId} for a citation's context: {Error}")]
    private static partial void LogDocumentUnreadable(ILogger logger, string documentId, string error);
}
