using System.Text.Json;

namespace QaBot.Core.Evaluation;

/// <summary>
/// Reads a JSONL question set. Every bad line (not JSON, a missing or mistyped field, a duplicate id, a
/// contradiction such as an unanswerable case with expected answers) becomes a
/// <see cref="QuestionSetLineError"/> with its 1-based line number; the other lines are still read.
/// Blank lines are ignored; unknown fields are allowed.
/// </summary>
public static class QuestionSetReader
{
    public static async Task<QuestionSet> ReadFileAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var lines = await File.ReadAllLinesAsync(path, cancellationToken).ConfigureAwait(false);
        return Parse(lines, path);
    }

    public static QuestionSet Parse(IEnumerable<string> lines, string source)
    {
        ArgumentNullException.ThrowIfNull(lines);

        var cases = new List<EvalCase>();
        var errors = new List<QuestionSetLineError>();
        var firstLineOfId = new Dictionary<string, int>(StringComparer.Ordinal);
        var lineNumber = 0;

        foreach (var rawLine in lines)
        {
            lineNumber++;
            var line = rawLine.Trim().TrimStart('\uFEFF');
            if (line.Length == 0)
            {
                continue;
            }

            string? error;
            EvalCase? evalCase;
            try
            {
                using var document = JsonDocument.Parse(line);
                (evalCase, error) = ReadCase(document.RootElement, lineNumber);
            }
            catch (JsonException ex)
            {
                (evalCase, error) = (null, $"not valid JSON ({ex.Message})");
            }

            if (evalCase is not null && firstLineOfId.TryGetValue(evalCase.Id, out var firstLine))
            {
                error = $"duplicate id \"{evalCase.Id}\" (first on line {firstLine})";
                evalCase = null;
            }

            if (evalCase is null)
            {
                errors.Add(new QuestionSetLineError(lineNumber, error ?? "unreadable case"));
                continue;
            }

            firstLineOfId[evalCase.Id] = lineNumber;
            cases.Add(evalCase);
        }

        return new QuestionSet(source, cases, errors);
    }

    private static (EvalCase? Case, string? Error) ReadCase(JsonElement root, int lineNumber)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return (null, $"expected a JSON object, found {Describe(root.ValueKind)}");
        }

        if (!TryReadRequiredString(root, "id", out var id, out var error)
            || !TryReadRequiredString(root, "question", out var question, out error)
            || !TryReadStringList(root, "context", out var context, out error)
            || !TryReadGroups(root, out var expected, out error)
            || !TryReadStringList(root, "sources", out var sources, out error))
        {
            return (null, error);
        }

        bool answerable;
        if (!root.TryGetProperty("answerable", out var answerableElement) || answerableElement.ValueKind == JsonValueKind.Null)
        {
            // Not given: a case with expected answers is answerable, one without is not.
            answerable = expected.Count > 0;
        }
        else if (answerableElement.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            answerable = answerableElement.GetBoolean();
        }
        else
        {
            return (null, $"\"answerable\" must be true or false, found {Describe(answerableElement.ValueKind)}");
        }

        if (answerable && sources.Count == 0)
        {
            return (null, "an answerable case needs at least one document id in \"sources\"");
        }

        if (!answerable && (expected.Count > 0 || sources.Count > 0))
        {
            return (null, "an unanswerable case must have empty \"expected\" and \"sources\"");
        }

        return (new EvalCase(id, question, context, expected, sources, answerable, lineNumber), null);
    }

    private static bool TryReadRequiredString(JsonElement root, string name, out string value, out string? error)
    {
        value = string.Empty;
        if (!root.TryGetProperty(name, out var element))
        {
            error = $"missing \"{name}\"";
            return false;
        }

        if (element.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(element.GetString()))
        {
            error = $"\"{name}\" must be a non-empty string";
            return false;
        }

        value = element.GetString()!.Trim();
        error = null;
        return true;
    }

    private static bool TryReadStringList(JsonElement root, string name, out IReadOnlyList<string> values, out string? error)
    {
        values = [];
        error = null;
        if (!root.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (element.ValueKind != JsonValueKind.Array)
        {
            error = $"\"{name}\" must be an array of strings";
            return false;
        }

        var list = new List<string>();
        foreach (var item in element.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(item.GetString()))
            {
                error = $"\"{name}\" must hold only non-empty strings";
                return false;
            }

            list.Add(item.GetString()!.Trim());
        }

        values = list;
        return true;
    }

    private static bool TryReadGroups(JsonElement root, out IReadOnlyList<IReadOnlyList<string>> groups, out string? error)
    {
        groups = [];
        error = null;
        if (!root.TryGetProperty("expected", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (element.ValueKind != JsonValueKind.Array)
        {
            error = "\"expected\" must be an array of groups (arrays of alternative strings)";
            return false;
        }

        var list = new List<IReadOnlyList<string>>();
        foreach (var group in element.EnumerateArray())
        {
            var number = list.Count + 1;
            if (group.ValueKind != JsonValueKind.Array)
            {
                error = $"\"expected\" group {number} must be an array of alternative strings, found {Describe(group.ValueKind)}";
                return false;
            }

            var alternatives = new List<string>();
            foreach (var alternative in group.EnumerateArray())
            {
                if (alternative.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(alternative.GetString()))
                {
                    error = $"\"expected\" group {number} must hold only non-empty strings";
                    return false;
                }

                alternatives.Add(alternative.GetString()!.Trim());
            }

            if (alternatives.Count == 0)
            {
                error = $"\"expected\" group {number} is empty: it could never be met";
                return false;
            }

            list.Add(alternatives);
        }

        groups = list;
        return true;
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => kind.ToString(),
    };
}
