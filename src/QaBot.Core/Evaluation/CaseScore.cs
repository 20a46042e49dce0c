namespace QaBot.Core.Evaluation;

/// <summary>
/// How one case scored. Figures that do not apply are null: answer and citation checks on an
/// unanswerable case, precision when nothing was cited, retrieval figures when the target does not
/// report what it retrieved (a bot over HTTP).
/// </summary>
public sealed record CaseScore(
    bool Passed,
    string? FailureReason,
    bool? AnswerMatched,
    bool? CitesSource,
    double? CitationPrecision,
    double? RecallAtK,
    double? HitAtK,
    double? ReciprocalRank);
