using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using QaBot.Bot.Channel;
using QaBot.Bot.Teams;
using QaBot.Bot.WebChat;
using QaBot.Core.Answering;

namespace QaBot.Bot.Turns;

/// <summary>
/// Builds the reply activity for an answer: escaped markdown text with <c>[n]</c> markers, the Teams
/// citation entity, a sources card where the channel has no citation pills, and suggested follow-ups.
/// The serialized activity is kept under the channel's size limit by cutting the text (never inside a
/// marker) and dropping sources it no longer cites.
/// </summary>
public sealed class AnswerActivityFactory(IOptions<BotChannelOptions> options)
{
    public const int MaxSuggestions = 3;

    public Activity Create(Activity incoming, Answer answer, Uri publicBaseUri)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(publicBaseUri);
        var maxBytes = options.Value.MaxReplyBytes;
        var text = ChannelText.EscapeMarkdownText(answer.Text);
        var reply = Build(incoming, answer, text, publicBaseUri);
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
            var candidate = Build(incoming, answer, ChannelText.TruncateKeepingMarkers(text, middle), publicBaseUri);
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
            : Build(incoming, answer with { Citations = [] }, "The answer was too long for this channel. Please ask a narrower question.", publicBaseUri);
    }

    public static int SizeOf(Activity activity) => JsonSerializer.SerializeToUtf8Bytes(activity, BotJson.Options).Length;

    private static Activity Build(Activity incoming, Answer answer, string text, Uri publicBaseUri)
    {
        var reply = incoming.CreateReply(ActivityTypes.Message, text);
        reply.TextFormat = "markdown";
        reply.InputHint = "acceptingInput";

        var cited = CitedInText(answer.Citations, text);
        if (!answer.Declined && cited.Count > 0)
        {
            reply.Entities = [CitationEntityFactory.Create(cited, publicBaseUri)];
            if (!IsTeams(incoming))
            {
                reply.Attachments = [SourcesCardFactory.Create(cited, publicBaseUri)];
            }
        }

        var suggestions = Suggestions(answer, cited);
        if (suggestions.Count > 0)
        {
            reply.SuggestedActions = new SuggestedActions
            {
                Actions = [.. suggestions.Select(q => new CardAction { Type = "imBack", Title = q, Value = q })],
            };
        }

        return reply;
    }

    /// <summary>Citations whose marker is in the text; all of them when the text has no markers at all.</summary>
    private static List<Citation> CitedInText(IReadOnlyList<Citation> citations, string text)
    {
        var markers = ChannelText.MarkersIn(text);
        return markers.Count == 0 && !text.EndsWith(ChannelText.Ellipsis, StringComparison.Ordinal)
            ? [.. citations]
            : [.. citations.Where(c => markers.Contains(c.Number))];
    }

    private static List<string> Suggestions(Answer answer, IReadOnlyList<Citation> cited)
    {
        var suggestions = answer.SuggestedQuestions
            .Select(q => ChannelText.CleanIncoming(q))
            .Where(q => q.Length is > 0 and <= 200)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Take(MaxSuggestions)
            .ToList();
        if (suggestions.Count > 0)
        {
            return suggestions;
        }

        // No follow-ups from the answering service: offer the cited articles, then an example question.
        foreach (var title in cited.Select(c => c.Title).Distinct(StringComparer.OrdinalIgnoreCase).Take(2))
        {
            suggestions.Add($"Tell me more about \"{ChannelText.Shorten(title, 80)}\"");
        }

        var example = WelcomeMessage.ExampleQuestions.FirstOrDefault(q => !string.Equals(q, ChannelText.CleanIncoming(answer.Question), StringComparison.OrdinalIgnoreCase));
        if (example is not null && suggestions.Count < MaxSuggestions)
        {
            suggestions.Add(example);
        }

        return suggestions;
    }

    private static bool IsTeams(Activity activity) =>
        string.Equals(activity.ChannelId, ChannelIds.MsTeams, StringComparison.OrdinalIgnoreCase);
}
