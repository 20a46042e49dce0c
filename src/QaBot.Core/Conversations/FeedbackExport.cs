using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace QaBot.Core.Conversations;

/// <summary>
/// Turns feedback into evaluation cases in the question-set format (<c>id</c>, <c>question</c>,
/// <c>context</c>, <c>expected</c>, <c>sources</c>, <c>answerable</c>), one JSON object a line, for a person
/// to review: <c>expected</c> is left empty for them to fill, and a <c>review</c> object carries what the
/// bot said, the user's reaction and comment, the composer and its confidence.
/// </summary>
public static class FeedbackExport
{
    private static readonly JsonSerializerOptions LineOptions = new()
    {
        WriteIndented = false,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The case id of an answer's feedback: stable, so a re-export gives the same ids.</summary>
    public static string CaseId(AnswerRecord answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return "feedback-" + answer.AnswerId[..Math.Min(12, answer.AnswerId.Length)];
    }

    public static JsonObject ToCase(AnswerFeedback feedback)
    {
        ArgumentNullException.ThrowIfNull(feedback);
        var answer = feedback.Answer;
        var sources = answer.Citations.Select(c => c.DocumentId).Distinct(StringComparer.Ordinal).ToList();
        var answerable = !answer.Declined && sources.Count > 0;
        var review = new JsonObject
        {
            ["reaction"] = FeedbackReactionNames.Name(feedback.Reaction),
            ["comment"] = feedback.Comment,
            ["botAnswer"] = answer.AnswerText,
            ["declined"] = answer.Declined,
            ["partial"] = answer.Partial,
            ["composer"] = answer.Composer,
            ["confidence"] = answer.Confidence,
            ["citations"] = JsonSerializer.SerializeToNode(answer.Citations, new JsonSerializerOptions(JsonSerializerDefaults.Web)),
            ["retrieved"] = new JsonArray([.. answer.RetrievedDocumentIds.Select(id => (JsonNode)JsonValue.Create(id))]),
            ["conversation"] = answer.ConversationKey,
            ["answeredAt"] = answer.CreatedUtc.ToString("O", CultureInfo.InvariantCulture),
            ["feedbackAt"] = feedback.UpdatedUtc.ToString("O", CultureInfo.InvariantCulture),
            ["todo"] = answerable
                ? "Fill \"expected\" with what a right answer must contain, and correct \"sources\" to the articles that hold it."
                : "QaBot declined. If the articles hold the answer, set \"answerable\" to true and fill \"expected\" and \"sources\" (see \"retrieved\").",
        };
        return new JsonObject
        {
            ["id"] = CaseId(answer),
            ["question"] = answer.Question,
            ["context"] = new JsonArray([.. answer.Context.Select(q => (JsonNode)JsonValue.Create(q))]),
            ["expected"] = new JsonArray(),
            ["sources"] = answerable ? new JsonArray([.. sources.Select(s => (JsonNode)JsonValue.Create(s))]) : new JsonArray(),
            ["answerable"] = answerable,
            ["review"] = review,
        };
    }

    /// <summary>Writes the cases of <paramref name="feedback"/> to <paramref name="path"/> (UTF-8 JSONL, written whole or not at all).</summary>
    public static async Task<int> WriteAsync(IEnumerable<AnswerFeedback> feedback, string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(feedback);
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        var temporary = full + ".tmp";
        var count = 0;
        await using (var writer = new StreamWriter(temporary, append: false, new System.Text.UTF8Encoding(false)))
        {
            foreach (var item in feedback)
            {
                await writer.WriteLineAsync(ToCase(item).ToJsonString(LineOptions).AsMemory(), cancellationToken).ConfigureAwait(false);
                count++;
            }
        }

        File.Move(temporary, full, overwrite: true);
        return count;
    }
}
