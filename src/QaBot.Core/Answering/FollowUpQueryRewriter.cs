using System.Text;
using QaBot.Core.Text;

namespace QaBot.Core.Answering;

/// <summary>
/// Offline follow-up rewriting: when a question leans on earlier turns (a pronoun such as "he" or
/// "they", or too few content words to stand alone), it is extended with the content words of the
/// previous question and the names in the previous answer. "What did he hope to complete?" after
/// "Who did Jaishankar meet at the Pentagon?" (answered "… Pete Hegseth …") becomes
/// "What did he hope to complete? Jaishankar meet Pentagon Pete Hegseth …".
/// A question that stands on its own is returned unchanged.
/// </summary>
public sealed class FollowUpQueryRewriter : IQueryRewriter
{
    private const int MinStandaloneContentWords = 3;
    private const int MaxNamesFromAnswer = 6;

    private static readonly HashSet<string> Anaphora =
    [
        "he", "she", "they", "him", "her", "them", "his", "hers", "their", "theirs", "it", "its",
        "this", "that", "these", "those", "there", "then", "both", "former", "latter", "same",
    ];

    public Task<string> RewriteAsync(string question, IReadOnlyList<ConversationTurn> history, CancellationToken cancellationToken = default) =>
        Task.FromResult(Rewrite(question, history));

    public static string Rewrite(string question, IReadOnlyList<ConversationTurn> history)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(history);
        var lastUser = history.LastOrDefault(t => t.Role == ConversationRole.User);
        if (lastUser is null || !NeedsContext(question))
        {
            return question;
        }

        var extra = new StringBuilder();
        foreach (var word in ContentWords(lastUser.Text))
        {
            extra.Append(' ').Append(word);
        }

        var lastAnswer = history.LastOrDefault(t => t.Role == ConversationRole.Assistant);
        if (lastAnswer is not null && !lastAnswer.Text.StartsWith(AnswerMessages.NotFound, StringComparison.Ordinal))
        {
            foreach (var name in Names(lastAnswer.Text).Take(MaxNamesFromAnswer))
            {
                extra.Append(' ').Append(name);
            }
        }

        return extra.Length == 0 ? question : question.TrimEnd() + extra;
    }

    private static bool NeedsContext(string question)
    {
        var tokens = WordTokenizer.Tokenize(question);
        return tokens.Any(Anaphora.Contains)
            || tokens.Count(t => !TermAnalyzer.QuestionNoise.Contains(t)) < MinStandaloneContentWords;
    }

    private static IEnumerable<string> ContentWords(string text)
    {
        foreach (var (start, length) in WordTokenizer.Spans(text))
        {
            var word = text.Substring(start, length);
            if (!TermAnalyzer.QuestionNoise.Contains(word.ToLowerInvariant()))
            {
                yield return word;
            }
        }
    }

    /// <summary>Capitalised words that are not at the start of a sentence, in order of appearance, without repeats.</summary>
    private static IEnumerable<string> Names(string answer)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var sentence in SentenceSplitter.Split(answer))
        {
            var first = true;
            foreach (var (start, length) in WordTokenizer.Spans(sentence.Text))
            {
                var word = sentence.Text.Substring(start, length);
                if (!first && length > 1 && char.IsUpper(word[0]) && !TermAnalyzer.StopWords.Contains(word.ToLowerInvariant()) && seen.Add(word))
                {
                    yield return word;
                }

                first = false;
            }
        }
    }
}
