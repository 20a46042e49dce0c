using System.Text.Json.Nodes;

namespace QaBot.Bot.Tests.TestHelpers;

/// <summary>Reads server-sent "activity" events from the web chat stream until a condition holds (bounded).</summary>
public sealed class SseReader(Stream stream) : IDisposable
{
    private readonly StreamReader _reader = new(stream);

    public List<JsonObject> Activities { get; } = [];

    public async Task<JsonObject> ReadUntilAsync(Func<JsonObject, bool> predicate, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        string? eventType = null;
        var data = new System.Text.StringBuilder();
        while (true)
        {
            var line = await _reader.ReadLineAsync(cts.Token) ?? throw new EndOfStreamException("The event stream ended.");
            if (line.StartsWith("event:", StringComparison.Ordinal))
            {
                eventType = line[6..].Trim();
            }
            else if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                data.Append(line[5..].TrimStart());
            }
            else if (line.Length == 0)
            {
                if (eventType == "activity" && data.Length > 0)
                {
                    var activity = JsonNode.Parse(data.ToString())!.AsObject();
                    Activities.Add(activity);
                    if (predicate(activity))
                    {
                        return activity;
                    }
                }

                eventType = null;
                data.Clear();
            }
        }
    }

    public void Dispose() => _reader.Dispose();
}
