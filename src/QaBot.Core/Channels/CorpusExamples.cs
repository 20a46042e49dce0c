using Microsoft.Extensions.Options;
using QaBot.Core.Answering;
using QaBot.Core.Storage;
using QaBot.Core.Text;

namespace QaBot.Core.Channels;

/// <summary>
/// Example questions about whatever corpus is indexed, never about particular articles: the configured
/// ones (<see cref="ExampleQuestionOptions.Questions"/>) when there are any, otherwise questions about the
/// names in the titles and leading sentences of articles spread across the index ("What do the articles
/// say about Pete Hegseth?"), at most one per article. Read through <see cref="IIndexStore"/> and kept
/// until the index changes.
/// </summary>
public sealed class CorpusExamples(IIndexStore store, IOptions<ExampleQuestionOptions> options)
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
                _cached = new CorpusOverview(stats.Documents, await DrawAsync(stats.Documents, cancellationToken).ConfigureAwait(false));
                _cachedFor = key;
            }

            return _cached;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>A question about a name in <paramref name="title"/> or <paramref name="leadingText"/>, or null when they name nothing.</summary>
    public static string? QuestionFor(string title, string leadingText)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(leadingText);
        var text = TextNormalizer.ForDisplay(title) + "\n" + TextNormalizer.ForDisplay(leadingText);
        return FollowUpSuggester.Suggest(string.Empty, text, max: 1).FirstOrDefault();
    }

    private async Task<IReadOnlyList<string>> DrawAsync(long documents, CancellationToken cancellationToken)
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
            return configured;
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

            var lead = SentenceSplitter.Split(document.Text).FirstOrDefault(s => s.Text.Trim().Length > 0 && !string.Equals(s.Text.Trim(), document.Title.Trim(), StringComparison.Ordinal));
            var question = QuestionFor(document.Title, lead?.Text ?? string.Empty);
            if (question is not null && !questions.Contains(question, StringComparer.OrdinalIgnoreCase))
            {
                questions.Add(question);
            }
        }

        return questions;
    }
}
