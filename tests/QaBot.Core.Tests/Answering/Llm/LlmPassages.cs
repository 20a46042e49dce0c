using QaBot.Core.Answering;
using QaBot.Core.Ingestion;
using QaBot.Core.Retrieval;

namespace QaBot.Core.Tests.Answering.Llm;

/// <summary>Small in-test passages and requests for the LLM composer tests.</summary>
internal static class LlmPassages
{
    public const string Pentagon =
        "Jaishankar met Rubio in Washington. Jaishankar also met US Secretary of Defence Pete Hegseth at the Pentagon, where he praised defence ties.";

    public const string Trade =
        "Commerce Secretary Rajesh Agrawal said talks on the trade agreement were progressing well. Talks began in February.";

    public const string Weather =
        "Heavy rain closed schools in Mumbai on Tuesday. The weather office expects more rain this week.";

    public static RetrievedChunk Passage(string documentId, string text, int start = 0, string? title = null) =>
        new(new TextChunk($"{documentId}#0", documentId, title ?? $"Title of {documentId}", new DateOnly(2025, 7, 2), 0, start, start + text.Length, text), 0.5, 1, 0.8, 1, 3.0);

    public static IReadOnlyList<RetrievedChunk> Three() =>
        [Passage("pentagon", Pentagon, 100), Passage("trade", Trade, 40), Passage("weather", Weather)];

    public static AnswerRequest Request(string question, IReadOnlyList<RetrievedChunk> passages, IReadOnlyList<ConversationTurn>? history = null) =>
        new(question, question, history ?? [], passages) { Statistics = TestHelpers.FixedTermStatistics.For([.. passages.Select(p => p.Chunk.Text)]) };
}
