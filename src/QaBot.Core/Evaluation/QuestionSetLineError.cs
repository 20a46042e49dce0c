using System.Text.Json.Serialization;

namespace QaBot.Core.Evaluation;

/// <summary>A line of a question set that could not be read as a case; it is reported and skipped.</summary>
public sealed record QuestionSetLineError(
    [property: JsonPropertyName("line")] int Line,
    [property: JsonPropertyName("message")] string Message)
{
    public override string ToString() => $"line {Line}: {Message}";
}
