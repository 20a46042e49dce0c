using System.Text.Json;

namespace QaBot.Core.Tests.TestHelpers;

/// <summary>A chat-completions request as the fake server received it.</summary>
public sealed record RecordedChatRequest(string Path, string? Authorization, string Body)
{
    public bool Stream => Json.TryGetProperty("stream", out var s) && s.ValueKind == JsonValueKind.True;

    public string? Model => Json.TryGetProperty("model", out var m) ? m.GetString() : null;

    /// <summary>The request's messages in order, as (role, text content).</summary>
    public IReadOnlyList<(string Role, string Content)> Messages =>
        [.. Json.GetProperty("messages").EnumerateArray().Select(m => (m.GetProperty("role").GetString() ?? string.Empty, ContentOf(m)))];

    private JsonElement Json => JsonDocument.Parse(Body).RootElement;

    private static string ContentOf(JsonElement message)
    {
        var content = message.GetProperty("content");
        return content.ValueKind == JsonValueKind.String
            ? content.GetString() ?? string.Empty
            : string.Concat(content.EnumerateArray().Select(p => p.TryGetProperty("text", out var t) ? t.GetString() : string.Empty));
    }
}
