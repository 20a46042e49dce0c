using System.Text.Json.Serialization;

namespace QaBot.Core.Evaluation;

/// <summary>
/// The figures a run would have had at one decline threshold (see <see cref="ConfidenceAnalysis.Sweep"/>).
/// Rates are 0..1, null when no case they count over exists.
/// </summary>
public sealed record ThresholdSweepRow(
    [property: JsonPropertyName("threshold")] double Threshold,
    [property: JsonPropertyName("inForce")] bool InForce,
    [property: JsonPropertyName("answerable")] int Answerable,
    [property: JsonPropertyName("answerableRight")] int AnswerableRight,
    [property: JsonPropertyName("answerableAccuracy")] double? AnswerableAccuracy,
    [property: JsonPropertyName("unanswerable")] int Unanswerable,
    [property: JsonPropertyName("unanswerableDeclined")] int UnanswerableDeclined,
    [property: JsonPropertyName("declineRate")] double? DeclineRate,
    [property: JsonPropertyName("balancedAccuracy")] double? BalancedAccuracy,
    [property: JsonPropertyName("cases")] int Cases,
    [property: JsonPropertyName("passed")] int Passed,
    [property: JsonPropertyName("accuracy")] double? Accuracy,
    [property: JsonPropertyName("answeredAnswerableCitedDocuments")] int AnsweredAnswerableCitedDocuments,
    [property: JsonPropertyName("answeredAnswerableCitedDocumentsInSources")] int AnsweredAnswerableCitedDocumentsInSources,
    [property: JsonPropertyName("answeredAnswerableCitationPrecision")] double? AnsweredAnswerableCitationPrecision);
