namespace QaBot.Core.Answering;

/// <summary>
/// A question taken apart for answering: its interrogative, its content terms (analyzed as the index
/// analyzes text), the terms carried over from earlier turns, its names and numbers, whether it is
/// negated, a quoted phrase and an acronym it asks about. General signals of English questions; the
/// answer model decides what they are worth.
/// </summary>
/// <param name="Text">The question as asked.</param>
/// <param name="Form">Its interrogative.</param>
/// <param name="Stems">Distinct content stems (<see cref="Text.TermAnalyzer"/>), in order.</param>
/// <param name="ContextStems">Content stems of earlier turns that the standalone query adds (not in <paramref name="Stems"/>).</param>
/// <param name="KeyStems">Stems of its names (capitalised words after the first) and numbers.</param>
/// <param name="NumberStems">Stems of its numbers and dates.</param>
/// <param name="Pairs">Adjacent content stems ("defence sales"), for word-order evidence.</param>
/// <param name="Negated">It holds a negation ("not", "never", "n't").</param>
/// <param name="QuotedPhrase">A phrase in quotation marks, if any.</param>
/// <param name="Acronym">An all-capitals word of 2–10 letters, if any ("COMPACT").</param>
/// <param name="TypeStem">The noun after "which"/"what" that names the answer's kind ("city"), if any.</param>
public sealed record QuestionAnalysis(
    string Text,
    QuestionForm Form,
    IReadOnlyList<string> Stems,
    IReadOnlyList<string> ContextStems,
    IReadOnlyList<string> KeyStems,
    IReadOnlyList<string> NumberStems,
    IReadOnlyList<(string First, string Second)> Pairs,
    bool Negated,
    string? QuotedPhrase,
    string? Acronym,
    string? TypeStem);
