using System.Collections.Concurrent;
using System.Net;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json.Nodes;

namespace QaBot.Testing;

/// <summary>
/// A loopback server that speaks OpenAI's <c>POST …/embeddings</c> protocol (float or base64), so the
/// OpenAI, Azure OpenAI and Ollama providers — in process or in the real CLI — run against it without a
/// model. Vectors are <see cref="HashedBagOfWords"/> unless the test gives its own; every request is
/// recorded. An optional delay per request slows indexing down enough to kill it half way.
/// </summary>
public sealed class FakeEmbeddingsServer : IDisposable
{
    private readonly LoopbackHttpServer _server;
    private readonly Func<string, int, int, float[]> _vectors;
    private readonly bool _alwaysFloats;

    /// <param name="dimensions">Vector length when the request names none.</param>
    /// <param name="vectors">
    /// The vector for (input, its index in the request, dimensions); by default a hashed bag of words.
    /// </param>
    /// <param name="alwaysFloats">Answer with float arrays even when base64 is asked for, as some servers do.</param>
    public FakeEmbeddingsServer(int dimensions = 32, Func<string, int, int, float[]>? vectors = null, bool alwaysFloats = false)
    {
        Dimensions = dimensions;
        _vectors = vectors ?? ((input, _, size) => HashedBagOfWords.Embed(input, size));
        _alwaysFloats = alwaysFloats;
        _server = new LoopbackHttpServer(HandleAsync);
    }

    public int Port => _server.Port;

    /// <summary>Scheme, host and port: the Ollama endpoint as configured (the provider appends <c>/v1</c>).</summary>
    public string BaseUrl => _server.BaseUrl;

    public int Dimensions { get; }

    public TimeSpan DelayPerRequest { get; set; }

    public ConcurrentQueue<RecordedHttpRequest> Requests { get; } = new();

    /// <summary>Requests the server failed on (a malformed body, …): a test expects none.</summary>
    public ConcurrentQueue<string> Errors => _server.Errors;

    public void Dispose() => _server.Dispose();

    private async Task HandleAsync(HttpListenerContext context)
    {
        using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var path = context.Request.Url!.AbsolutePath;
        Requests.Enqueue(new RecordedHttpRequest(context.Request.HttpMethod, path, context.Request.Headers["Authorization"], body));
        if (context.Request.HttpMethod != "POST" || !path.EndsWith("/embeddings", StringComparison.Ordinal))
        {
            await LoopbackHttpServer.WriteJsonAsync(context.Response, 404, "{\"error\":{\"message\":\"not found\"}}");
            return;
        }

        if (DelayPerRequest > TimeSpan.Zero)
        {
            await Task.Delay(DelayPerRequest);
        }

        var request = JsonNode.Parse(body)!.AsObject();
        var inputs = request["input"] is JsonArray array
            ? array.Select(n => n!.GetValue<string>()).ToList()
            : [request["input"]!.GetValue<string>()];
        var dimensions = request["dimensions"]?.GetValue<int>() ?? Dimensions;
        var base64 = !_alwaysFloats && request["encoding_format"]?.GetValue<string>() == "base64";
        var data = new JsonArray();
        for (var i = 0; i < inputs.Count; i++)
        {
            var vector = _vectors(inputs[i], i, dimensions);
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
        await LoopbackHttpServer.WriteJsonAsync(context.Response, 200, response.ToJsonString());
    }
}
