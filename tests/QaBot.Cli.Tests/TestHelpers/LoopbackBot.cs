using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace QaBot.Cli.Tests.TestHelpers;

/// <summary>
/// A bot on a loopback port that speaks the Bot Framework protocol the evaluator uses: POST /api/messages
/// with <c>deliveryMode: expectReplies</c> answered by <c>{"activities":[...]}</c> carrying the Teams
/// citation entity. It cites doc-a for every question except those containing "unknown".
/// </summary>
internal sealed class LoopbackBot : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;

    public LoopbackBot()
    {
        var port = FreePort();
        BaseUrl = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(BaseUrl.ToString());
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public Uri BaseUrl { get; }

    public List<JsonObject> Received { get; } = [];

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            await _loop;
        }
        catch (HttpListenerException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

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
            var body = Encoding.UTF8.GetBytes(new JsonObject { ["activities"] = new JsonArray(reply) }.ToJsonString());
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            await context.Response.OutputStream.WriteAsync(body);
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
