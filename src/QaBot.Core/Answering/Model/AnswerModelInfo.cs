using System.Text.Json;
using System.Text.Json.Serialization;

namespace QaBot.Core.Answering.Model;

/// <summary>
/// What the answer model file needs beside its trees (<c>answer-model.json</c> next to
/// <c>answer-model.zip</c>): the features it was fitted on, in order, the encoder they were computed
/// with, the thresholds chosen on held-out articles, and how to fit it again.
/// </summary>
public sealed record AnswerModelInfo(
    [property: JsonPropertyName("version")] int Version,
    [property: JsonPropertyName("features")] IReadOnlyList<string> Features,
    [property: JsonPropertyName("encoder")] string Encoder,
    [property: JsonPropertyName("declineThreshold")] double DeclineThreshold,
    [property: JsonPropertyName("confidentThreshold")] double ConfidentThreshold,
    [property: JsonPropertyName("extraSentenceRatio")] double ExtraSentenceRatio,
    [property: JsonPropertyName("sameDocumentRatio")] double SameDocumentRatio,
    [property: JsonPropertyName("trainedOn")] IReadOnlyList<string> TrainedOn,
    [property: JsonPropertyName("trainedAt")] DateTimeOffset TrainedAt,
    [property: JsonPropertyName("command")] string Command)
{
    public const int CurrentVersion = 1;

    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static AnswerModelInfo Read(string path)
    {
        using var stream = File.OpenRead(path);
        return JsonSerializer.Deserialize<AnswerModelInfo>(stream, JsonOptions)
            ?? throw new InvalidDataException($"'{path}' is not an answer model description.");
    }

    public void Write(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, JsonOptions) + Environment.NewLine);
}
