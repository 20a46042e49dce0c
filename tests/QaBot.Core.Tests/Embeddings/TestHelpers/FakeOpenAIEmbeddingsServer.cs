using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace QaBot.Core.Tests.Embeddings.TestHelpers;

/// <summary>
/// A loopback HTTP server that speaks OpenAI's <c>POST …/embeddings</c> protocol (float or base64
/// encoding). Each input gets the vector [input length, index, 1, 1, …] with the requested dimensions
/// (default 3). Records every request for assertions.
/// </summary>
internal sealed class FakeOpenAIEmbeddingsServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;
    private readonly bool _alwaysFloats;

    /// <param name="alwaysFloats">Answer with float arrays even when base64 is asked for, as some servers do.</param>
    public FakeOpenAIEmbeddingsServer(bool alwaysFloats = false)
    {
        _alwaysFloats = alwaysFloats;
        Port = FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public string BaseUrl => $"http://127.0.0.1:{Port}";

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public static float[] ExpectedVector(string input, int index, int dimensions)
    {
        var vector = Enumerable.Repeat(1f, dimensions).ToArray();
        vector[0] = input.Length;
        if (dimensions > 1)
        {
            vector[1] = index;
        }

        return vector;
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // the loop ends with the listener
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
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            try
            {
                await HandleAsync(context);
            }
            catch (Exception e)
            {
                context.Response.StatusCode = 500;
                await WriteAsync(context.Response, JsonSerializer.Serialize(new { error = new { message = e.Message } }));
            }
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var path = context.Request.Url!.AbsolutePath;
        Requests.Enqueue(new RecordedRequest(context.Request.HttpMethod, path, context.Request.Headers["Authorization"], body));

        if (context.Request.HttpMethod != "POST" || !path.EndsWith("/embeddings", StringComparison.Ordinal))
        {
            context.Response.StatusCode = 404;
            await WriteAsync(context.Response, "{\"error\":{\"message\":\"not found\"}}");
            return;
        }

        var request = JsonNode.Parse(body)!.AsObject();
        var inputs = request["input"] is JsonArray array
            ? array.Select(n => n!.GetValue<string>()).ToList()
            : [request["input"]!.GetValue<string>()];
        var dimensions = request["dimensions"]?.GetValue<int>() ?? 3;
        var base64 = !_alwaysFloats && request["encoding_format"]?.GetValue<string>() == "base64";
        var data = new JsonArray();
        for (var i = 0; i < inputs.Count; i++)
        {
            var vector = ExpectedVector(inputs[i], i, dimensions);
            JsonNode embedding = base64
                ? JsonValue.Create(Convert.ToBase64String(MemoryMarshal.AsBytes(vector.AsSpan())))
                : new JsonArray(vector.Select(v => (JsonNode)JsonValue.Create(v)).ToArray());
            data.Add(new JsonObject { ["object"] = "embedding", ["index"] = i, ["embedding"] = embedding });
        }

        var response = new JsonObject
        {
            ["object"] = "list",
            ["data"] = data,
            ["model"] = request["model"]?.GetValue<string>(),
            ["usage"] = new JsonObject { ["prompt_tokens"] = inputs.Count, ["total_tokens"] = inputs.Count },
        };
        await WriteAsync(context.Response, response.ToJsonString());
    }

    private static async Task WriteAsync(HttpListenerResponse response, string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        response.ContentType = "application/json";
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes);
        response.Close();
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    internal sealed record RecordedRequest(string Method, string Path, string? Authorization, string Body);
}
