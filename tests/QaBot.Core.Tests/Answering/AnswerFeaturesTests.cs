using QaBot.Core.Answering;
using QaBot.Core.Answering.Encoding;
using QaBot.Core.Ingestion;
using QaBot.Core.Retrieval;

namespace QaBot.Core.Tests.Answering;

/// <summary>The answer model's features, value by value, for a hand-made question, passage, encodings and statistics.</summary>
public sealed class AnswerFeaturesTests
{
    private static readonly TermStatistics Statistics = new(10, new Dictionary<string, long>
    {
        ["win"] = 2, ["final"] = 3, ["2024"] = 1, ["alcaraz"] = 1, ["djokov"] = 1, ["crowd"] = 4, ["happi"] = 5,
    });

    private static readonly (string Question, string Passage) Case =
        ("Who won the final in 2024?", "Alcaraz won the final in 2024 against Djokovic. The crowd was not happy.");

    public static TheoryData<int, string, float> Expected => new()
    {
        // The answer sentence: every question term, no negation, a new name, the same vector as the question.
        { 0, "cov_sentence", 1f },
        { 0, "cov_window", 1f },
        { 0, "cov_passage", 1f },
        { 0, "cov_title", 0f },
        { 0, "miss_idf_sentence", 0f },
        { 0, "unknown_share", 0f },
        { 0, "pair_cov", 1f },
        { 0, "question_terms", 3f },
        { 0, "key_missing_window", 0f },
        { 0, "number_missing_window", 0f },
        { 0, "cos_sentence", 1f },
        { 0, "cos_rank", 0f },
        { 0, "cos_gap", 0f },
        { 0, "cov_rank", 0f },
        { 0, "cov_gap", 0f },
        { 0, "form_who", 1f },
        { 0, "form_what", 0f },
        { 0, "new_number", 0f },
        { 0, "new_date", 0f },
        { 0, "new_name", 1f },
        { 0, "question_negated", 0f },
        { 0, "window_negated", 0f },
        { 0, "negation_mismatch", 0f },
        { 0, "context_cov", 1f }, // no earlier turns
        // The other sentence: none of the question, a negation the question lacks, an orthogonal vector.
        { 1, "cov_sentence", 0f },
        { 1, "cov_window", 1f }, // its neighbour holds every term
        { 1, "pair_cov", 0f },
        { 1, "key_missing_window", 0f },
        { 1, "cos_sentence", 0f },
        { 1, "cos_rank", 1f },
        { 1, "cos_gap", 1f },
        { 1, "cov_rank", 1f },
        { 1, "cov_gap", 1f },
        { 1, "new_name", 0f },
        { 1, "window_negated", 1f },
        { 1, "negation_mismatch", 1f },
    };

    [Theory]
    [MemberData(nameof(Expected))]
    public void AFeatureHasItsExpectedValue(int candidate, string feature, float expected)
    {
        var rows = Compute();

        Assert.Equal(AnswerFeatures.Count, rows[candidate].Length);
        Assert.Equal(expected, rows[candidate][Index(feature)], 3);
    }

    [Fact]
    public void TheRarestMissingTermIsScaledByTheLargestPossibleIdf()
    {
        var rows = Compute();

        // Sentence 1 lacks "2024" (df 1), the rarest of the three: idf(1) / idf(0) over 10 chunks.
        var expected = Math.Log(1 + ((10 - 1 + 0.5) / 1.5)) / Math.Log(1 + (10.5 / 0.5));
        Assert.Equal(expected, rows[1][Index("miss_idf_sentence")], 3);
        Assert.Equal(0, rows[1][Index("miss_idf_window")], 3);
    }

    [Fact]
    public void AQuestionTermTheIndexNeverSawCountsAsUnknown()
    {
        var rows = Compute("Who won the final at Roland Garros?");

        Assert.True(rows[0][Index("unknown_share")] > 0.4f);
        Assert.True(rows[0][Index("miss_idf_passage")] > 0.99f);
    }

    [Fact]
    public void NamesAreEveryFeatureOnce() =>
        Assert.Equal(AnswerFeatures.Names.Count, AnswerFeatures.Names.Distinct().Count());

    private static int Index(string feature)
    {
        var index = AnswerFeatures.Names.ToList().IndexOf(feature);
        Assert.True(index >= 0, $"no feature named {feature}");
        return index;
    }

    private static float[][] Compute(string? question = null)
    {
        question ??= Case.Question;
        var chunk = new TextChunk("a#0", "a", "Wimbledon", null, 0, 0, Case.Passage.Length, Case.Passage);
        var passage = new RetrievedChunk(chunk, 0.5, 1, 0.8, null, null);
        var candidates = AnswerCandidates.From([passage]);
        var analysis = QuestionAnalyzer.Analyze(question);

        // Vectors: the question and the answer sentence point the same way, the other sentence is orthogonal.
        float[] Unit(int axis) => [.. Enumerable.Range(0, 4).Select(i => i == axis ? 1f : 0f)];
        var questionEncoding = new EncodedSentence(Unit(0));
        EncodedSentence[] encodings = [new(Unit(0)), new(Unit(3))];
        return AnswerFeatures.Compute(analysis, questionEncoding, candidates, encodings, Statistics);
    }
}
