using System.Globalization;
using System.Text;
using QaBot.Core.Retrieval;

namespace QaBot.Core.Answering.Llm;

/// <summary>
/// Writes the retrieved passages as numbered sources for the answer prompt, each inside
/// <c>&lt;source id="n"&gt; … &lt;/source&gt;</c>. Angle brackets in titles and text are replaced by
/// look-alikes, so a document can neither close its own source nor open another; an article's own
/// reference markers ("[2]") are removed, so the model cannot mistake them for source numbers.
/// </summary>
internal static partial class SourceFormatter
{
    public static string Format(IReadOnlyList<RetrievedChunk> passages)
    {
        ArgumentNullException.ThrowIfNull(passages);
        var text = new StringBuilder();
        for (var i = 0; i < passages.Count; i++)
        {
            var chunk = passages[i].Chunk;
            if (i > 0)
            {
                text.Append('\n');
            }

            text.Append("<source id=\"").Append(i + 1).Append("\">\n")
                .Append("Title: ").Append(Neutralize(Flatten(chunk.Title))).Append('\n')
                .Append("Date: ").Append(chunk.PublishedDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "unknown").Append('\n')
                .Append("Text: ").Append(Neutralize(CitationMarkers.RemoveFrom(chunk.Text.Trim()))).Append('\n')
                .Append("</source>");
        }

        return text.ToString();
    }

    /// <summary>
    /// Earlier turns as plain lines ("User: …", "QaBot: …"), angle brackets neutralised and the old
    /// answers' [n] markers dropped (they pointed at other sources).
    /// </summary>
    public static string FormatConversation(IReadOnlyList<ConversationTurn> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        if (history.Count == 0)
        {
            return "(none)";
        }

        return string.Join('\n', history.Select(t => (t.Role == ConversationRole.User ? "User: " : "QaBot: ") + Neutralize(Flatten(CitationMarkers.RemoveFrom(t.Text)))));
    }

    internal static string Neutralize(string text) => text.Replace('<', '‹').Replace('>', '›');

    private static string Flatten(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
