using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;

namespace QaBot.Testing;

/// <summary>
/// An <see cref="HttpListener"/> on a free 127.0.0.1 port that hands each request to a handler on its own
/// task (a client may send several at once), for tests that stand in for a remote HTTP service: an
/// embeddings or chat-completions endpoint, a bot. The response is closed after the handler. A handler that
/// throws answers 500 with the message, which is also kept in <see cref="Errors"/> for the test to check,
/// unless the client went away or the server is stopping: then there is nobody to answer.
/// </summary>
public sealed class LoopbackHttpServer : IDisposable
{
    private readonly HttpListener _listener;
    private readonly Func<HttpListenerContext, Task> _handle;
    private readonly Task _loop;

    public LoopbackHttpServer(Func<HttpListenerContext, Task> handle)
    {
        ArgumentNullException.ThrowIfNull(handle);
        _handle = handle;
        (_listener, Port) = Listen();
        _loop = Task.Run(AcceptAsync);
    }

    public int Port { get; }

    /// <summary>Scheme, host and port without a trailing slash, e.g. http://127.0.0.1:41234.</summary>
    public string BaseUrl => $"http://127.0.0.1:{Port}";

    /// <summary>Messages of the exceptions the handler threw.</summary>
    public ConcurrentQueue<string> Errors { get; } = new();

    /// <summary>Writes a JSON body with its status, type and length; the server closes the response.</summary>
    public static async Task WriteJsonAsync(HttpListenerResponse response, int statusCode, string json)
    {
        ArgumentNullException.ThrowIfNull(response);
        var bytes = Encoding.UTF8.GetBytes(json);
        response.StatusCode = statusCode;
        response.ContentType = "application/json";
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes);
    }

    /// <summary>Stops listening (new connections are refused) and waits for the accept loop to end.</summary>
    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
    }

    /// <summary>
    /// Probing a free port and binding it are two steps, and another test may take the port in between:
    /// a few ports are tried.
    /// </summary>
    private static (HttpListener Listener, int Port) Listen()
    {
        for (var attempt = 1; ; attempt++)
        {
            var port = LoopbackPorts.PickFree();
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

    private async Task AcceptAsync()
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
                return; // stopped
            }

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        try
        {
            await _handle(context);
        }
        catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            // The client went away (a timeout under test, a killed process) or the server is stopping.
        }
        catch (Exception e)
        {
            Errors.Enqueue(e.Message);
            await TryAnswerErrorAsync(context.Response, e.Message);
        }
        finally
        {
            try
            {
                context.Response.Close();
            }
            catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException or InvalidOperationException)
            {
                // Already closed, or the client is gone.
            }
        }
    }

    private static async Task TryAnswerErrorAsync(HttpListenerResponse response, string message)
    {
        try
        {
            await WriteJsonAsync(response, 500, JsonSerializer.Serialize(new { error = new { message } }));
        }
        catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException or InvalidOperationException)
        {
            // The handler had already sent headers or closed the response.
        }
    }
}
