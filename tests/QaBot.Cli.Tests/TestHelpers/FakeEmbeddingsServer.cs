using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace QaBot.Cli.Tests.TestHelpers;

/// <summary>
/// A loopback server that speaks OpenAI's <c>POST …/embeddings</c> protocol (float or base64), so the
/// real CLI can index through its Ollama/OpenAI provider. Vectors are a hashed bag of words,
/// L2-normalised: deterministic across processes and close for texts that share words. An optional
/// delay per request slows indexing down enough to kill it half way.
/// </summary>
public sealed class FakeEmbeddingsServer : IDisposable
{
    private readonly HttpListener _listener;
    private readonly Task _loop;
    private int _requests;

    public FakeEmbeddingsServer(int dimensions = 32, TimeSpan delayPerRequest = default)
    {
        Dimensions = dimensions;
        DelayPerRequest = delayPerRequest;
        (_listener, Port) = StartListener();
        _loop = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public int Dimensions { get; }

    public TimeSpan DelayPerRequest { get; set; }

    /// <summary>Base URL to configure as the Ollama endpoint (the provider appends <c>/v1</c>).</summary>
    public string BaseUrl => $"http://127.0.0.1:{Port}";

    public int Requests => Volatile.Read(ref _requests);

    public ConcurrentQueue<string> Errors { get; } = new();

    public static float[] Embed(string text, int dimensions)
    {
        var vector = new float[dimensions];
        foreach (var word in Words(text))
        {
            var hash = 2166136261u;
            foreach (var c in word)
            {
                hash = (hash ^ c) * 16777619u;
            }

            vector[(int)(hash % (uint)dimensions)] += (hash & 0x8000_0000) == 0 ? 1f : -1f;
        }

        var norm = MathF.Sqrt(vector.Sum(v => v * v));
        if (norm == 0)
        {
            vector[0] = 1f;
            return vector;
        }

        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] /= norm;
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

    private static IEnumerable<string> Words(string text)
    {
        var word = new StringBuilder();
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                word.Append(char.ToLowerInvariant(c));
            }
            else if (word.Length > 0)
            {
                yield return word.ToString();
                word.Clear();
            }
        }

        if (word.Length > 0)
        {
            yield return word.ToString();
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

            // One task per request: the client may pipeline several.
            _ = Task.Run(() => HandleSafelyAsync(context));
        }
    }

    private async Task HandleSafelyAsync(HttpListenerContext context)
    {
        try
        {
            await HandleAsync(context);
        }
        catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException)
        {
            // The client went away (a killed indexer): nothing to answer.
        }
        catch (Exception e)
        {
            Errors.Enqueue(e.Message);
            context.Response.StatusCode = 500;
            await WriteAsync(context.Response, JsonSerializer.Serialize(new { error = new { message = e.Message } }));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        Interlocked.Increment(ref _requests);
        using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var path = context.Request.Url!.AbsolutePath;
        if (context.Request.HttpMethod != "POST" || !path.EndsWith("/embeddings", StringComparison.Ordinal))
        {
            context.Response.StatusCode = 404;
            await WriteAsync(context.Response, "{\"error\":{\"message\":\"not found\"}}");
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
        var base64 = request["encoding_format"]?.GetValue<string>() == "base64";
        var data = new JsonArray();
        for (var i = 0; i < inputs.Count; i++)
        {
            var vector = Embed(inputs[i], dimensions);
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

    /// <summary>
    /// Listens on a free loopback port. A probed port can be taken by another test before HttpListener
    /// binds it, so a few ports are tried.
    /// </summary>
    private static (HttpListener Listener, int Port) StartListener()
    {
        for (var attempt = 1; ; attempt++)
        {
            int port;
            using (var probe = new TcpListener(IPAddress.Loopback, 0))
            {
                probe.Start();
                port = ((IPEndPoint)probe.LocalEndpoint).Port;
            }

            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                return (listener, port);
            }
            catch (HttpListenerException) when (attempt < 10)
            {
                listener.Close();
            }
        }
    }
}
