using System.Text.Json.Serialization;

namespace QaBot.Core.Evaluation;

/// <summary>
/// One case of a question set (see <c>shared/eval/README.md</c>). <see cref="Expected"/> holds groups of
/// alternatives: the answer passes when every group has at least one alternative in it. An unanswerable
/// case has no groups and no sources.
/// </summary>
public sealed record EvalCase(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("question")] string Question,
    [property: JsonPropertyName("context")] IReadOnlyList<string> Context,
    [property: JsonPropertyName("expected")] IReadOnlyList<IReadOnlyList<string>> Expected,
    [property: JsonPropertyName("sources")] IReadOnlyList<string> Sources,
    [property: JsonPropertyName("answerable")] bool Answerable,
    [property: JsonPropertyName("line")] int LineNumber);
