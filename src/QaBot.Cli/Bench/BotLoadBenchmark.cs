using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using QaBot.Cli.Bench.Results;

namespace QaBot.Cli.Bench;

/// <summary>
/// Starts the bot (src/QaBot.Bot, Release build) as a child process on a free loopback port, pointed at
/// the benchmark database and corpus through environment variables (its conversation store in the scratch
/// folder too), waits for /readyz, then lets
/// concurrent clients post message activities with <c>deliveryMode: expectReplies</c> to /api/messages
/// for a fixed time. A request counts as an error unless it returns 200 with at least one message reply.
/// </summary>
internal static class BotLoadBenchmark
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromMinutes(3);

    public static async Task<LoadResult> RunAsync(
        string root, string project, string databasePath, string corpusPath, IReadOnlyList<string> questions, int clients, TimeSpan duration,
        Action<string> log, CancellationToken cancellationToken)
    {
        if (!File.Exists(project))
        {
            return LoadResult.NotRun("unfinished", $"{project} does not exist (the bot is not in this tree yet); the load test needs the bot.", clients);
        }

        log("building the bot (Release)");
        var output = Path.Combine(root, "bench", "scratch", "bot");
        await RunToEndAsync("dotnet", ["build", project, "-c", "Release", "-o", output, "--nologo", "-v", "quiet"], root, cancellationToken);

        var port = FreePort();
        var baseUrl = $"http://127.0.0.1:{port}";
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = root, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(output, "QaBot.Bot.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(baseUrl);
        start.Environment["QABOT_ROOT"] = root;
        start.Environment["QaBot__Storage__DatabasePath"] = databasePath;
        start.Environment["QaBot__Corpus__Path"] = corpusPath;
        start.Environment["QaBot__Conversations__DatabasePath"] = Path.Combine(output, "conversations.db");
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";

        log($"starting the bot on {baseUrl}");
        var startClock = Stopwatch.StartNew();
        using var bot = Process.Start(start) ?? throw new InvalidOperationException("Could not start the bot.");
        var botLog = new System.Collections.Concurrent.ConcurrentQueue<string>();
        bot.OutputDataReceived += (_, e) => Keep(botLog, e.Data);
        bot.ErrorDataReceived += (_, e) => Keep(botLog, e.Data);
        bot.BeginOutputReadLine();
        bot.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients * 2, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
            {
                BaseAddress = new Uri(baseUrl),
                Timeout = TimeSpan.FromSeconds(60),
            };

            if (!await WaitReadyAsync(http, bot, cancellationToken))
            {
                return LoadResult.NotRun("failed", "The bot did not become ready: " + string.Join(" | ", botLog.TakeLast(5)), clients) with
                {
                    BotStartSeconds = Math.Round(startClock.Elapsed.TotalSeconds, 2),
                };
            }

            var startSeconds = startClock.Elapsed.TotalSeconds;
            log($"bot ready after {startSeconds:0.0} s; warming up, then {clients} clients for {duration.TotalSeconds:0} s");
            await PostAsync(http, "warm-up", baseUrl, questions[0], cancellationToken);

            var latencies = new System.Collections.Concurrent.ConcurrentBag<double>();
            var errors = 0;
            var errorSamples = new System.Collections.Concurrent.ConcurrentQueue<string>();
            long peakRss = 0, peakPss = 0, peakAnonymous = 0;
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var sampler = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    InterlockedMax(ref peakRss, ProcessMemory.WorkingSet(bot.Id) ?? 0);
                    var (pss, anonymous) = ProcessMemory.Rollup(bot.Id);
                    InterlockedMax(ref peakPss, pss ?? 0);
                    InterlockedMax(ref peakAnonymous, anonymous ?? 0);
                    try
                    {
                        await Task.Delay(200, stop.Token);
                    }
                    catch (OperationCanceledException)
                    {
                        break;
                    }
                }
            }, CancellationToken.None);

            var clock = Stopwatch.StartNew();
            var deadline = duration;
            var workers = Enumerable.Range(0, clients).Select(client => Task.Run(async () =>
            {
                var conversation = $"bench-{client}-{Guid.NewGuid():N}";
                var turn = client;
                while (clock.Elapsed < deadline && !cancellationToken.IsCancellationRequested)
                {
                    var question = questions[turn++ % questions.Count];
                    var begin = Stopwatch.GetTimestamp();
                    var problem = await PostAsync(http, conversation, baseUrl, question, cancellationToken);
                    latencies.Add(Stopwatch.GetElapsedTime(begin).TotalMilliseconds);
                    if (problem is not null)
                    {
                        Interlocked.Increment(ref errors);
                        if (errorSamples.Count < 5)
                        {
                            errorSamples.Enqueue(problem);
                        }
                    }
                }
            }, CancellationToken.None)).ToList();
            await Task.WhenAll(workers);
            var seconds = clock.Elapsed.TotalSeconds;
            await stop.CancelAsync();
            await sampler;

            var all = latencies.ToList();
            var hwm = ProcessMemory.PeakWorkingSet(bot.Id);
            var after = ProcessMemory.WorkingSet(bot.Id);
            return new LoadResult(
                "done",
                errorSamples.IsEmpty ? null : "first errors: " + string.Join(" | ", errorSamples),
                clients,
                Math.Round(seconds, 2),
                all.Count,
                errors,
                Math.Round(all.Count / seconds, 1),
                LatencySummary.From(all),
                Math.Round(startSeconds, 2),
                hwm ?? (peakRss > 0 ? peakRss : null),
                after,
                peakPss > 0 ? peakPss : null,
                peakAnonymous > 0 ? peakAnonymous : null);
        }
        finally
        {
            if (!bot.HasExited)
            {
                bot.Kill(entireProcessTree: true);
                await bot.WaitForExitAsync(CancellationToken.None);
            }
        }
    }

    /// <summary>Posts one message with expectReplies; returns null on success or what went wrong.</summary>
    private static async Task<string?> PostAsync(HttpClient http, string conversation, string serviceUrl, string question, CancellationToken cancellationToken)
    {
        var activity = new JsonObject
        {
            ["type"] = "message",
            ["id"] = Guid.NewGuid().ToString("N"),
            ["timestamp"] = DateTimeOffset.UtcNow.ToString("O"),
            ["channelId"] = "emulator",
            ["serviceUrl"] = serviceUrl,
            ["deliveryMode"] = "expectReplies",
            ["from"] = new JsonObject { ["id"] = "user-" + conversation, ["name"] = "bench" },
            ["recipient"] = new JsonObject { ["id"] = "qabot", ["name"] = "QaBot" },
            ["conversation"] = new JsonObject { ["id"] = conversation },
            ["text"] = question,
            ["locale"] = "en-US",
        };

        try
        {
            using var response = await http.PostAsJsonAsync("/api/messages", activity, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return $"HTTP {(int)response.StatusCode}: {Shorten(body)}";
            }

            using var json = JsonDocument.Parse(body);
            var replies = json.RootElement.TryGetProperty("activities", out var list) ? list.EnumerateArray().Count(a =>
                a.TryGetProperty("type", out var type) && type.GetString() == "message") : 0;
            return replies > 0 ? null : $"no message reply: {Shorten(body)}";
        }
        catch (HttpRequestException ex)
        {
            return ex.Message;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return "timed out";
        }
        catch (JsonException ex)
        {
            return "bad JSON: " + ex.Message;
        }
    }

    private static async Task<bool> WaitReadyAsync(HttpClient http, Process bot, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < ReadyTimeout && !bot.HasExited)
        {
            try
            {
                using var response = await http.GetAsync("/readyz", cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(250, cancellationToken);
        }

        return false;
    }

    private static async Task RunToEndAsync(string file, IReadOnlyList<string> arguments, string workingDirectory, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = workingDirectory, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed (exit {process.ExitCode}): {Shorten(await stdout + await stderr, 2000)}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Keep(System.Collections.Concurrent.ConcurrentQueue<string> log, string? line)
    {
        if (line is null)
        {
            return;
        }

        log.Enqueue(line);
        while (log.Count > 50 && log.TryDequeue(out _))
        {
        }
    }

    private static void InterlockedMax(ref long target, long value)
    {
        var current = Interlocked.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

    private static string Shorten(string text, int max = 300) => text.Length <= max ? text : text[..max] + "…";
}
