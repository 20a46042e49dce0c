using System.Text.Json.Nodes;

namespace QaBot.Bot.Channel;

/// <summary>
/// Streams a reply as Teams and Web Chat show it: an optional informative status line, then <c>typing</c> activities carrying the text so far
/// (<c>streamType</c> "streaming", increasing <c>streamSequence</c>; the first one's id becomes the
/// <c>streamId</c>), then the final <c>message</c> marked <c>streamType</c> "final" with the same streamId.
/// Stream info travels both in <c>channelData</c> and as a <c>streaminfo</c> entity. Updates closer together
/// than the interval are merged into the next one.
/// </summary>
public sealed class StreamingResponse(TurnContext turn, TimeSpan minInterval, TimeProvider timeProvider)
{
    private string? _streamId;
    private int _sequence;
    private DateTimeOffset _lastSent = DateTimeOffset.MinValue;

    public bool HasStarted => _sequence > 0;

    public string? StreamId => _streamId;

    /// <summary>
    /// Starts the stream with a status line ("Searching the articles…") that Teams shows above the coming
    /// answer and Web Chat shows as its typing indicator.
    /// </summary>
    public Task SendInformativeAsync(string text, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        return SendAsync(text, "informative", cancellationToken);
    }

    /// <summary>Shows <paramref name="textSoFar"/> (the whole text up to now, not a delta).</summary>
    public async Task UpdateAsync(string textSoFar, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(textSoFar);
        var now = timeProvider.GetUtcNow();
        if (HasStarted && now - _lastSent < minInterval)
        {
            return;
        }

        await SendAsync(textSoFar, "streaming", cancellationToken).ConfigureAwait(false);
    }

    private async Task SendAsync(string text, string streamType, CancellationToken cancellationToken)
    {
        var typing = turn.Activity.CreateReply(ActivityTypes.Typing, text);
        _sequence++;
        typing.ChannelData = StreamInfo(_streamId, streamType, _sequence);
        typing.Entities = [StreamInfoEntity(_streamId, streamType, _sequence)];
        var response = await turn.SendActivityAsync(typing, cancellationToken).ConfigureAwait(false);
        _streamId ??= response.Id ?? typing.Id;
        _lastSent = timeProvider.GetUtcNow();
    }

    /// <summary>Marks the final message as the end of the stream (no change when nothing was streamed).</summary>
    public Activity Complete(Activity finalMessage)
    {
        ArgumentNullException.ThrowIfNull(finalMessage);
        if (!HasStarted || _streamId is null)
        {
            return finalMessage;
        }

        finalMessage.ChannelData ??= [];
        finalMessage.ChannelData["streamId"] = _streamId;
        finalMessage.ChannelData["streamType"] = "final";
        finalMessage.Entities ??= [];
        finalMessage.Entities.Add(StreamInfoEntity(_streamId, "final", null));
        return finalMessage;
    }

    private static JsonObject StreamInfo(string? streamId, string streamType, int? sequence)
    {
        var info = new JsonObject { ["streamType"] = streamType };
        if (sequence is { } n)
        {
            info["streamSequence"] = n;
        }

        if (streamId is not null)
        {
            info["streamId"] = streamId;
        }

        return info;
    }

    private static JsonObject StreamInfoEntity(string? streamId, string streamType, int? sequence)
    {
        var entity = StreamInfo(streamId, streamType, sequence);
        entity["type"] = "streaminfo";
        return entity;
    }
}
