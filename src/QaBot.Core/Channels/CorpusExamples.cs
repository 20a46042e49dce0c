using Microsoft.Extensions.Options;
using QaBot.Core.Answering;
using QaBot.Core.Storage;
using QaBot.Core.Text;

namespace QaBot.Core.Channels;

/// <summary>
/// Example questions about whatever corpus is indexed, never about particular articles: the configured
/// ones (<see cref="ExampleQuestionOptions.Questions"/>) when there are any, otherwise questions about the
/// names in the titles and leading sentences of articles spread across the index ("What do the articles
/// say about Pete Hegseth?"), at most one per article. Read through <see cref="IIndexCatalog"/> and kept
/// until the index changes.
/// </summary>
public sealed class CorpusExamples(IIndexCatalog store, IOptions<ExampleQuestionOptions> options)
{
    /// <summary>Articles read at most to draw examples from.</summary>
    public const int MaxArticlesRead = 24;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private (long Documents, long Chunks, long Bytes, string? Model)? _cachedFor;
    private CorpusOverview _cached = new(0, []);

    public async Task<CorpusOverview> GetAsync(CancellationToken cancellationToken = default)
    {
        var stats = await store.GetStatsAsync(cancellationToken).ConfigureAwait(false);
        var key = (stats.Documents, stats.Chunks, stats.DatabaseBytes, stats.EmbeddingModel?.ToString());
        if (_cachedFor == key)
        {
            return _cached;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_cachedFor != key)
            {
                _cached = await DrawAsync(stats.Documents, cancellationToken).ConfigureAwait(false);
                _cachedFor = key;
            }

            return _cached;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// A question about the article's most mentioned name among those in its first sentences (headings in
    /// Title Case left out; its title when they name nothing and the title is not in Title Case), or null
    /// when they name nothing.
    /// </summary>
    public static string? QuestionFor(string title, string text)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(text);
        var cleanTitle = TextNormalizer.ForDisplay(title).Trim();
        var cleanText = TextNormalizer.ForDisplay(text);
        var lead = SentenceSplitter.Split(cleanText)
            .Select(s => s.Text.Trim())
            .Where(s => s.Length > 0 && !string.Equals(s, cleanTitle, StringComparison.Ordinal) && !IsTitleCase(s))
            .Take(LeadingSentences);
        var candidates = FollowUpSuggester.Suggest(string.Empty, string.Join("\n", lead), max: 5);
        if (candidates.Count == 0 && !IsTitleCase(cleanTitle))
        {
            candidates = FollowUpSuggester.Suggest(string.Empty, cleanTitle, max: 5);
        }

        return candidates
            .Select((question, rank) => (question, rank, mentions: Mentions(cleanText, NameIn(question))))
            .OrderByDescending(c => c.mentions)
            .ThenBy(c => c.rank)
            .Select(c => c.question)
            .FirstOrDefault();
    }

    /// <summary>Sentences of an article's start that examples are drawn from.</summary>
    public const int LeadingSentences = 3;

    private const string SuggestionPrefix = "What do the articles say about ";

    private static string? NameIn(string suggestion) =>
        suggestion.StartsWith(SuggestionPrefix, StringComparison.Ordinal) && suggestion.EndsWith('?')
            ? suggestion[SuggestionPrefix.Length..^1]
            : null;

    private static int Mentions(string text, string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return 0;
        }

        var count = 0;
        for (var at = text.IndexOf(name, StringComparison.Ordinal); at >= 0; at = text.IndexOf(name, at + name.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    /// <summary>True when nearly all words of four letters or more (four in five) start with a capital ("Minister Holds Talks With …").</summary>
    private static bool IsTitleCase(string title)
    {
        var words = WordTokenizer.Spans(title).Select(s => title.Substring(s.Start, s.Length)).Where(w => w.Length >= 4 && char.IsLetter(w[0])).ToList();
        return words.Count > 0 && words.Count(w => char.IsUpper(w[0])) * 5 >= words.Count * 4;
    }

    private async Task<CorpusOverview> DrawAsync(long documents, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var configured = settings.Questions
            .Select(q => TextNormalizer.ForDisplay(q).Trim())
            .Where(q => q.Length > 0)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Take(settings.Count)
            .ToList();
        if (configured.Count > 0 || documents == 0)
        {
            return new CorpusOverview(documents, configured);
        }

        // Articles spread evenly over the catalog (ids sorted), so examples do not all come from one source.
        var ids = (await store.GetDocumentHashesAsync(cancellationToken).ConfigureAwait(false)).Keys.Order(StringComparer.Ordinal).ToList();
        var read = Math.Min(ids.Count, MaxArticlesRead);
        var questions = new List<string>();
        for (var i = 0; i < read && questions.Count < settings.Count; i++)
        {
            var document = await store.GetDocumentAsync(ids[(int)((long)i * ids.Count / read)], cancellationToken).ConfigureAwait(false);
            if (document is null)
            {
                continue;
            }

            var question = QuestionFor(document.Title, document.Text);
            if (question is not null && !questions.Contains(question, StringComparer.OrdinalIgnoreCase))
            {
                questions.Add(question);
            }
        }

        return new CorpusOverview(documents, questions) { Topics = [.. questions.Select(NameIn).OfType<string>()] };
    }
}
