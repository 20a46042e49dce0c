using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using QaBot.Testing;

namespace QaBot.Core.Tests.TestHelpers;

/// <summary>
/// A local stand-in for an OpenAI-compatible endpoint: <c>POST …/chat/completions</c> on
/// 127.0.0.1 at a free port, answering with a JSON completion, or with server-sent events
/// (<c>data: {chunk}</c> … <c>data: [DONE]</c>) when the request says <c>"stream": true</c>.
/// Replies are scripted in order (the last one repeats) and every request is recorded.
/// </summary>
public sealed class FakeChatCompletionServer : IAsyncDisposable
{
    private const string CompletionId = "chatcmpl-fake";
    private const long Created = 1_700_000_000;

    private readonly CancellationTokenSource stopping = new();
    private readonly ConcurrentQueue<FakeChatReply> replies = new();
    private readonly ConcurrentQueue<RecordedChatRequest> requests = new();
    private readonly LoopbackHttpServer server;
    private FakeChatReply lastReply = FakeChatReply.Answer("No reply was scripted.");

    private FakeChatCompletionServer()
    {
        server = new LoopbackHttpServer(HandleAsync);
    }

    /// <summary>The base URL to configure as the endpoint, e.g. http://127.0.0.1:41234/v1.</summary>
    public string BaseUrl => $"{Origin}/v1";

    /// <summary>Scheme, host and port, for endpoints with another path (Azure's /openai/v1/).</summary>
    public string Origin => server.BaseUrl;

    public IReadOnlyList<RecordedChatRequest> Requests => [.. requests];

    public static FakeChatCompletionServer Start(params FakeChatReply[] script)
    {
        var fake = new FakeChatCompletionServer();
        fake.Enqueue(script);
        return fake;
    }

    public void Enqueue(params FakeChatReply[] script)
    {
        foreach (var reply in script)
        {
            replies.Enqueue(reply);
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Ends scripted delays and streams still running, then stops listening.
        await stopping.CancelAsync();
        server.Dispose();
        stopping.Dispose();
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var response = context.Response;
        string body;
        using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8))
        {
            body = await reader.ReadToEndAsync(stopping.Token);
        }

        if (context.Request.HttpMethod != "POST" || context.Request.Url?.AbsolutePath.EndsWith("/chat/completions", StringComparison.Ordinal) != true)
        {
            response.StatusCode = 404;
            return;
        }

        var request = new RecordedChatRequest(context.Request.Url.AbsolutePath, context.Request.Headers["Authorization"], body);
        requests.Enqueue(request);
        var reply = replies.TryDequeue(out var next) ? lastReply = next : lastReply;
        if (reply.Delay > TimeSpan.Zero)
        {
            await Task.Delay(reply.Delay, stopping.Token);
        }

        if (reply.Status != 200)
        {
            await WriteJsonAsync(response, reply.Status, new { error = new { message = $"Fake error {reply.Status}", type = "server_error", code = (string?)null } });
            return;
        }

        if (request.Stream)
        {
            await StreamAsync(response, reply);
        }
        else
        {
            await WriteJsonAsync(response, 200, new
            {
                id = CompletionId,
                @object = "chat.completion",
                created = Created,
                model = request.Model,
                choices = new[] { new { index = 0, message = new { role = "assistant", content = reply.Text }, finish_reason = "stop" } },
                usage = new { prompt_tokens = 10, completion_tokens = 10, total_tokens = 20 },
            });
        }
    }

    private static Task WriteJsonAsync(HttpListenerResponse response, int status, object payload) =>
        LoopbackHttpServer.WriteJsonAsync(response, status, JsonSerializer.Serialize(payload));

    private async Task StreamAsync(HttpListenerResponse response, FakeChatReply reply)
    {
        response.StatusCode = 200;
        response.ContentType = "text/event-stream";
        response.SendChunked = true;
        var output = response.OutputStream;
        await WriteEventAsync(output, Chunk(new { role = "assistant", content = string.Empty }, null));
        for (var i = 0; i < reply.Chunks.Count; i++)
        {
            var piece = reply.Chunks[i];
            if (i > 0 && reply.ChunkDelay > TimeSpan.Zero)
            {
                await Task.Delay(reply.ChunkDelay, stopping.Token);
            }

            await WriteEventAsync(output, Chunk(new { content = piece }, null));
        }

        await WriteEventAsync(output, Chunk(new { }, "stop"));
        await WriteEventAsync(output, "[DONE]");
    }

    private static string Chunk(object delta, string? finishReason) => JsonSerializer.Serialize(new
    {
        id = CompletionId,
        @object = "chat.completion.chunk",
        created = Created,
        model = "fake",
        choices = new[] { new { index = 0, delta, finish_reason = finishReason } },
    });

    private static async Task WriteEventAsync(Stream output, string data)
    {
        await output.WriteAsync(Encoding.UTF8.GetBytes($"data: {data}\n\n"));
        await output.FlushAsync();
    }
}
