using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace QaBot.Bot.Channel;

/// <summary>
/// A Bot Framework activity (schema v3): the one message shape between channels and bots. Fields the
/// bot does not use are kept in <see cref="Properties"/> so nothing is lost when an activity is echoed.
/// </summary>
public sealed class Activity
{
    public string? Type { get; set; }

    public string? Id { get; set; }

    public DateTimeOffset? Timestamp { get; set; }

    public DateTimeOffset? LocalTimestamp { get; set; }

    public string? ServiceUrl { get; set; }

    public string? ChannelId { get; set; }

    public ChannelAccount? From { get; set; }

    public ConversationAccount? Conversation { get; set; }

    public ChannelAccount? Recipient { get; set; }

    public string? TextFormat { get; set; }

    public string? AttachmentLayout { get; set; }

    public List<ChannelAccount>? MembersAdded { get; set; }

    public List<ChannelAccount>? MembersRemoved { get; set; }

    public string? Locale { get; set; }

    public string? Text { get; set; }

    public string? InputHint { get; set; }

    public SuggestedActions? SuggestedActions { get; set; }

    public List<Attachment>? Attachments { get; set; }

    /// <summary>Mentions, client info, the Teams citation message entity, stream info ...</summary>
    public List<JsonObject>? Entities { get; set; }

    public JsonObject? ChannelData { get; set; }

    public string? ReplyToId { get; set; }

    public string? DeliveryMode { get; set; }

    public string? Name { get; set; }

    public JsonNode? Value { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }

    public ConversationReference GetConversationReference() =>
        new(Id, From, Recipient, Conversation ?? new ConversationAccount(), ChannelId, ServiceUrl, Locale);

    /// <summary>A new activity addressed back to the sender of this one, in the same conversation.</summary>
    public Activity CreateReply(string type = ActivityTypes.Message, string? text = null) => new()
    {
        Type = type,
        Timestamp = DateTimeOffset.UtcNow,
        ChannelId = ChannelId,
        ServiceUrl = ServiceUrl,
        From = Recipient is null ? null : new ChannelAccount { Id = Recipient.Id, Name = Recipient.Name, Role = "bot" },
        Recipient = From is null ? null : new ChannelAccount { Id = From.Id, Name = From.Name, Role = "user" },
        Conversation = Conversation is null ? null : new ConversationAccount
        {
            Id = Conversation.Id,
            Name = Conversation.Name,
            ConversationType = Conversation.ConversationType,
            IsGroup = Conversation.IsGroup,
            TenantId = Conversation.TenantId,
        },
        ReplyToId = Id,
        Locale = Locale,
        Text = text,
    };
}
