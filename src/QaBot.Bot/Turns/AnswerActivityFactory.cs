using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using QaBot.Bot.Channel;
using QaBot.Bot.Documents;
using QaBot.Bot.Teams;
using QaBot.Bot.WebChat;
using QaBot.Core.Answering;

namespace QaBot.Bot.Turns;

/// <summary>
/// Builds the reply activity for an answer on every path (streamed, sent, expectReplies): escaped
/// markdown text with <c>[n]</c> markers, the AI message entity (AI label, the cited sources as claims),
/// the feedback loop, and suggested follow-ups. Outside Teams each marker becomes a link to the cited
/// passage (Web Chat shows it as a citation pill with a preview), and a compact sources card lists what
/// the text cites. Weak evidence (<see cref="Answer.Partial"/>) is said plainly. The serialized activity
/// is kept under the channel's size limit by cutting the text (never inside a marker) and dropping
/// sources it no longer cites.
/// </summary>
public sealed partial class AnswerActivityFactory(IOptions<BotChannelOptions> options)
{
    public const int MaxSuggestions = 3;

    /// <summary>The line before an answer that rests on weak evidence.</summary>
    public const string PartialNotice = "_The articles only partly cover this question; this is what they say:_";

    /// <summary>The channelData key of what the web chat page reads (answer id, confidence, citation previews).</summary>
    public const string ChannelDataKey = "qabot";

    /// <param name="reservedBytes">Room left under the limit for what is added afterwards (the streaming metadata of a final message).</param>
    public Activity Create(Activity incoming, Answer answer, Uri publicBaseUri, int reservedBytes = 0) =>
        Create(incoming, answer, new AnswerReplyContext(Guid.NewGuid().ToString("N"), [.. answer.Citations.Select(CitedPassage.WithoutContext)], []), publicBaseUri, reservedBytes);

    /// <param name="reservedBytes">Room left under the limit for what is added afterwards (the streaming metadata of a final message).</param>
    public Activity Create(Activity incoming, Answer answer, AnswerReplyContext context, Uri publicBaseUri, int reservedBytes = 0)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(publicBaseUri);
        ArgumentOutOfRangeException.ThrowIfNegative(reservedBytes);
        var maxBytes = options.Value.MaxReplyBytes - reservedBytes;
        var text = ChannelText.EscapeMarkdownText(answer.Text);
        var reply = Build(incoming, answer, context, text, publicBaseUri);
        if (SizeOf(reply) <= maxBytes)
        {
            return reply;
        }

        // Too large for the channel: find the longest cut of the text (never inside a marker) that fits.
        Activity? best = null;
        var low = 0;
        var high = Encoding.UTF8.GetByteCount(text);
        while (low < high)
        {
            var middle = low + ((high - low + 1) / 2);
            var candidate = Build(incoming, answer, context, ChannelText.TruncateKeepingMarkers(text, middle), publicBaseUri);
            if (SizeOf(candidate) <= maxBytes)
            {
                best = candidate;
                low = middle;
            }
            else
            {
                high = middle - 1;
            }
        }

        return best is { Text.Length: > 0 }
            ? best
            : Build(incoming, answer with { Citations = [] }, context with { Passages = [] }, "The answer was too long for this channel. Please ask a narrower question.", publicBaseUri);
    }

    public static int SizeOf(Activity activity) => JsonSerializer.SerializeToUtf8Bytes(activity, BotJson.Options).Length;

    /// <summary>True when two questions are the same but for case, spacing and closing punctuation.</summary>
    public static bool SameQuestion(string a, string b) =>
        string.Equals(QuestionKey(a), QuestionKey(b), StringComparison.OrdinalIgnoreCase);

    private static Activity Build(Activity incoming, Answer answer, AnswerReplyContext context, string text, Uri publicBaseUri)
    {
        var teams = IsTeams(incoming);
        var cited = answer.Declined ? [] : CitedInText(context.Passages, text);
        var body = text;
        if (!teams)
        {
            body = LinkMarkers(body, cited, publicBaseUri);
        }

        if (answer.Partial && !answer.Declined)
        {
            body = PartialNotice + "\n\n" + body;
        }

        var reply = incoming.CreateReply(ActivityTypes.Message, body);
        reply.TextFormat = "markdown";
        reply.InputHint = "acceptingInput";

        // The AI label and the claims on every answer; Web Chat's thumbs come from the entity's actions,
        // Teams' from channelData.feedbackLoop.
        reply.Entities = [CitationEntityFactory.Create(cited, publicBaseUri, teams ? null : FeedbackAction.For(context.AnswerId))];
        reply.ChannelData = new JsonObject { ["feedbackLoop"] = new JsonObject { ["type"] = "default" } };
        if (!teams)
        {
            reply.ChannelData[ChannelDataKey] = PageData(answer, context.AnswerId, cited, publicBaseUri);
            if (cited.Count > 0)
            {
                reply.Attachments = [SourcesCardFactory.Create(cited, publicBaseUri)];
            }
        }

        var suggestions = Suggestions(answer, cited, context.ExampleQuestions);
        if (suggestions.Count > 0)
        {
            reply.SuggestedActions = new SuggestedActions
            {
                Actions = [.. suggestions.Select(q => new CardAction { Type = "imBack", Title = q, Value = q })],
            };
        }

        return reply;
    }

    /// <summary>Passages whose marker is in the text; all of them when the text has no markers at all.</summary>
    private static List<CitedPassage> CitedInText(IReadOnlyList<CitedPassage> passages, string text)
    {
        var markers = ChannelText.MarkersIn(text);
        return markers.Count == 0 && !text.EndsWith(ChannelText.Ellipsis, StringComparison.Ordinal)
            ? [.. passages]
            : [.. passages.Where(p => markers.Contains(p.Citation.Number))];
    }

    /// <summary>Each <c>[n]</c> of a cited source becomes a markdown link to its highlighted passage.</summary>
    private static string LinkMarkers(string text, IReadOnlyList<CitedPassage> cited, Uri publicBaseUri)
    {
        if (cited.Count == 0)
        {
            return text;
        }

        var urls = cited.ToDictionary(p => p.Citation.Number, p => DocumentLinks.For(publicBaseUri, p.Citation.DocumentId, p.Ranges).AbsoluteUri);
        return Marker().Replace(text, match =>
            int.TryParse(match.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && urls.TryGetValue(n, out var url)
                ? $"[{n}]({url})"
                : match.Value);
    }

    /// <summary>What the web chat page shows around the answer: its id, confidence, and each citation's preview.</summary>
    private static JsonObject PageData(Answer answer, string answerId, IReadOnlyList<CitedPassage> cited, Uri publicBaseUri)
    {
        var citations = new JsonArray();
        foreach (var passage in cited)
        {
            var c = passage.Citation;
            citations.Add(new JsonObject
            {
                ["n"] = c.Number,
                ["url"] = DocumentLinks.For(publicBaseUri, c.DocumentId, passage.Ranges).AbsoluteUri,
                ["title"] = ChannelText.Shorten(c.Title, 160),
                ["date"] = c.PublishedDate?.ToString("d MMMM yyyy", CultureInfo.InvariantCulture),
                ["sentence"] = ChannelText.Shorten(string.Join(" … ", passage.Segments.Select(s => s.Text)), 400),
            });
        }

        var data = new JsonObject
        {
            ["answerId"] = answerId,
            ["declined"] = answer.Declined,
            ["partial"] = answer.Partial,
            ["citations"] = citations,
        };
        if (answer.Confidence is { } confidence)
        {
            data["confidence"] = Math.Round(confidence, 3);
        }

        return data;
    }

    private static List<string> Suggestions(Answer answer, IReadOnlyList<CitedPassage> cited, IReadOnlyList<string> examples)
    {
        var asked = ChannelText.CleanIncoming(answer.Question);
        var suggestions = new List<string>();
        void Offer(string candidate)
        {
            var q = ChannelText.CleanIncoming(candidate);
            if (suggestions.Count < MaxSuggestions && q.Length is > 0 and <= 200 && !SameQuestion(q, asked) && !suggestions.Any(s => SameQuestion(s, q)))
            {
                suggestions.Add(q);
            }
        }

        foreach (var q in answer.SuggestedQuestions)
        {
            Offer(q);
        }

        if (suggestions.Count > 0)
        {
            return suggestions;
        }

        // No follow-ups from the answering service: offer the cited articles, then questions about the corpus.
        foreach (var title in cited.Select(p => p.Citation.Title).Distinct(StringComparer.OrdinalIgnoreCase).Take(2))
        {
            Offer($"Tell me more about \"{ChannelText.Shorten(title, 80)}\"");
        }

        foreach (var example in examples)
        {
            Offer(example);
        }

        return suggestions;
    }

    private static string QuestionKey(string question) =>
        ChannelText.CleanIncoming(question).TrimEnd('?', '.', '!', ' ', '…');

    private static bool IsTeams(Activity activity) =>
        string.Equals(activity.ChannelId, ChannelIds.MsTeams, StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(@"\[(\d{1,3})\]", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Marker();
}
