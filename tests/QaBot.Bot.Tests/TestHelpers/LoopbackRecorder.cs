using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace QaBot.Bot.Tests.TestHelpers;

/// <summary>
/// A loopback HTTP server that records every request (method and path) and answers each one either
/// with 200 and a Bot Connector <c>ResourceResponse</c>, or — when <see cref="RedirectTo"/> is set —
/// with a 307 to the same path on another server.
/// </summary>
public sealed class LoopbackRecorder : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LoopbackRecorder(WebApplication app)
    {
        _app = app;
    }

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Where to redirect every request (307, method and body kept), or null to answer 200.</summary>
    public Uri? RedirectTo { get; init; }

    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>Every request's target exactly as it came on the wire (path still escaped, with the query).</summary>
    public ConcurrentQueue<string> RawTargets { get; } = new();

    public static async Task<LoopbackRecorder> StartAsync(Uri? redirectTo = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var recorder = new LoopbackRecorder(app) { RedirectTo = redirectTo };
        app.Run(recorder.HandleAsync);
        await app.StartAsync();
        recorder.BaseAddress = new Uri(app.Urls.First() + "/");
        return recorder;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        Requests.Enqueue($"{context.Request.Method} {context.Request.Path}");
        RawTargets.Enqueue(context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()!.RawTarget);
        if (RedirectTo is not null)
        {
            context.Response.StatusCode = StatusCodes.Status307TemporaryRedirect;
            context.Response.Headers.Location = new Uri(RedirectTo, context.Request.Path.Value!.TrimStart('/')).AbsoluteUri;
            return;
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync("{\"id\":\"recorded\"}");
    }
}
