using QaBot.Core.Retrieval;
using QaBot.Core.Text;

namespace QaBot.Core.Answering;

/// <summary>The sentences of the retrieved passages, once each (overlapping chunks repeat sentences), in retrieval order.</summary>
public static class AnswerCandidates
{
    /// <summary>Sentences shorter than this many word tokens are not answers (fragments, datelines).</summary>
    public const int MinTokens = 3;

    public static IReadOnlyList<CandidateSentence> From(IReadOnlyList<RetrievedChunk> passages)
    {
        ArgumentNullException.ThrowIfNull(passages);
        var seen = new HashSet<(string, int)>();
        var candidates = new List<CandidateSentence>();
        for (var rank = 0; rank < passages.Count; rank++)
        {
            var passage = passages[rank];
            var chunk = passage.Chunk;
            var sentences = SentenceSplitter.Split(chunk.Text);
            var terms = sentences.Select(s => TermAnalyzer.Terms(s.Text)).ToList();
            var stems = sentences.Select(s => (IReadOnlySet<string>)TermAnalyzer.ContentStems(s.Text).ToHashSet(StringComparer.Ordinal)).ToList();
            var passageStems = stems.SelectMany(s => s).ToHashSet(StringComparer.Ordinal);
            var titleStems = TermAnalyzer.ContentStems(chunk.Title).ToHashSet(StringComparer.Ordinal);
            var title = Words(chunk.Title);
            for (var i = 0; i < sentences.Count; i++)
            {
                var start = chunk.Start + sentences[i].Start;
                if (terms[i].Count < MinTokens || !seen.Add((chunk.DocumentId, start)))
                {
                    continue; // a fragment, or the same sentence from an overlapping chunk
                }

                var neighbours = new HashSet<string>(StringComparer.Ordinal);
                if (i > 0)
                {
                    neighbours.UnionWith(stems[i - 1]);
                }

                if (i + 1 < sentences.Count)
                {
                    neighbours.UnionWith(stems[i + 1]);
                }

                var words = Words(sentences[i].Text);
                var isHeadline = title.Length > 0 && words.EndsWith(title, StringComparison.Ordinal) && words.Length <= title.Length + 20;
                candidates.Add(new CandidateSentence(
                    passage, rank, i, start, chunk.Start + sentences[i].End, sentences[i].Text,
                    terms[i], stems[i], neighbours, passageStems, titleStems, isHeadline)
                {
                    Previous = i > 0 ? sentences[i - 1].Text : string.Empty,
                });
            }
        }

        return candidates;
    }

    private static string Words(string text) => string.Join(' ', WordTokenizer.Tokenize(TextNormalizer.Normalize(text)));
}
