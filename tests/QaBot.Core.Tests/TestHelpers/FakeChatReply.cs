namespace QaBot.Core.Tests.TestHelpers;

/// <summary>
/// What <see cref="FakeChatCompletionServer"/> answers to one request: an HTTP error status, or the
/// assistant text (split into <see cref="Chunks"/> when the client asks for a stream), optionally
/// after a delay before the response starts, and with a pause between streamed chunks.
/// </summary>
public sealed record FakeChatReply(int Status, IReadOnlyList<string> Chunks, TimeSpan Delay, TimeSpan ChunkDelay)
{
    public string Text => string.Concat(Chunks);

    public static FakeChatReply Answer(params string[] chunks) => new(200, chunks, TimeSpan.Zero, TimeSpan.Zero);

    public static FakeChatReply Error(int status) => new(status, [], TimeSpan.Zero, TimeSpan.Zero);

    public static FakeChatReply Slow(TimeSpan delay, string text) => new(200, [text], delay, TimeSpan.Zero);
}
