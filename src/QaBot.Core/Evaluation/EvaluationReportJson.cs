using System.Text.Encodings.Web;
using System.Text.Json;

namespace QaBot.Core.Evaluation;

/// <summary>Reads and writes <c>report.json</c> (indented, camelCase, nulls kept so every case has the same fields).</summary>
public static class EvaluationReportJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        // The file is read by people and tools, never embedded in HTML: keep quotes and non-ASCII readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Serialize(EvaluationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return JsonSerializer.Serialize(report, Options);
    }

    public static EvaluationReport Deserialize(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return JsonSerializer.Deserialize<EvaluationReport>(json, Options)
            ?? throw new JsonException("The report is empty (null).");
    }

    /// <summary>Reads an earlier <c>report.json</c>; a missing or malformed file throws with the path in the message.</summary>
    public static async Task<EvaluationReport> ReadFileAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string json;
        try
        {
            json = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"Cannot read the baseline report '{path}': {ex.Message}", ex);
        }

        try
        {
            return Deserialize(json);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"'{path}' is not an evaluation report.json: {ex.Message}", ex);
        }
    }
}
