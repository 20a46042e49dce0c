using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using QaBot.Testing;

namespace QaBot.Cli.Tests.TestHelpers;

/// <summary>
/// A bot on a loopback port that speaks the Bot Framework protocol the evaluator uses: POST /api/messages
/// with <c>deliveryMode: expectReplies</c> answered by <c>{"activities":[...]}</c> carrying the Teams
/// citation entity. It cites doc-a for every question except those containing "unknown".
/// </summary>
internal sealed class LoopbackBot : IAsyncDisposable
{
    private readonly LoopbackHttpServer _server;

    public LoopbackBot()
    {
        _server = new LoopbackHttpServer(AnswerAsync);
        BaseUrl = new Uri(_server.BaseUrl + "/");
    }

    public Uri BaseUrl { get; }

    public List<JsonObject> Received { get; } = [];

    public ValueTask DisposeAsync()
    {
        _server.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
        var activity = JsonNode.Parse(await reader.ReadToEndAsync())!.AsObject();
        lock (Received)
        {
            Received.Add(activity);
        }

        var text = (string?)activity["text"] ?? string.Empty;
        var found = !text.Contains("unknown", StringComparison.OrdinalIgnoreCase);
        var citations = found
            ? new JsonArray(new JsonObject
            {
                ["@type"] = "Claim",
                ["position"] = 1,
                ["appearance"] = new JsonObject { ["@type"] = "DigitalDocument", ["name"] = "Title A", ["abstract"] = "Hegseth met Jaishankar.", ["url"] = "/documents/doc-a#0" },
            })
            : new JsonArray();
        var reply = new JsonObject
        {
            ["type"] = "message",
            ["text"] = found ? "Hegseth [1]" : "I couldn't find that in the articles.",
            ["entities"] = new JsonArray(new JsonObject { ["type"] = "https://schema.org/Message", ["@type"] = "Message", ["citation"] = citations }),
        };

        var status = context.Request.Url!.AbsolutePath == "/api/messages" && (string?)activity["deliveryMode"] == "expectReplies" ? 200 : 400;
        await LoopbackHttpServer.WriteJsonAsync(context.Response, status, new JsonObject { ["activities"] = new JsonArray(reply) }.ToJsonString());
    }
}
