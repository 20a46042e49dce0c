using System.Diagnostics;
using System.Globalization;
using QaBot.Testing;

namespace QaBot.Bot.Tests.TestHelpers;

/// <summary>
/// The real bot (the built QaBot.Bot.dll beside the tests) as a child process on a free loopback port, with
/// its settings as environment variables — for tests that measure the process itself (its memory) or kill it.
/// </summary>
public sealed class BotProcess : IDisposable
{
    private readonly ChildProcess _process;

    private BotProcess(ChildProcess process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public string StandardOutput => _process.StandardOutput;

    public string StandardError => _process.StandardError;

    public static string BotPath => Path.Combine(AppContext.BaseDirectory, "QaBot.Bot.dll");

    /// <summary>Starts the bot and waits until it listens (a few ports are tried, since another test may take one first).</summary>
    public static async Task<BotProcess> StartAsync(IReadOnlyDictionary<string, string> environment)
    {
        if (!File.Exists(BotPath))
        {
            throw new FileNotFoundException($"The bot was not built beside the tests at {BotPath}.", BotPath);
        }

        for (var attempt = 1; ; attempt++)
        {
            var port = LoopbackPorts.PickFree();
            var start = new ProcessStartInfo(DotnetHost()) { WorkingDirectory = AppContext.BaseDirectory };
            start.ArgumentList.Add(BotPath);
            start.ArgumentList.Add("--urls");
            start.ArgumentList.Add($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
            foreach (var (key, value) in environment)
            {
                start.Environment[key] = value;
            }

            var process = ChildProcess.Start("QaBot.Bot", start);
            try
            {
                await process.WaitForPortAsync(port, TimeSpan.FromSeconds(60));
                return new BotProcess(process, new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/"));
            }
            catch (InvalidOperationException) when (attempt < 3 && process.StandardError.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                process.Dispose();
            }
            catch
            {
                process.Dispose();
                throw;
            }
        }
    }

    /// <summary>The process's resident set size (VmRSS in /proc/{pid}/status), in bytes.</summary>
    public long ResidentBytes()
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id.ToString(CultureInfo.InvariantCulture)}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                var kibibytes = long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                return kibibytes * 1024;
            }
        }

        throw new InvalidOperationException("VmRSS not found in /proc/<pid>/status.");
    }

    public void Dispose() => _process.Dispose();

    private static string DotnetHost()
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host))
        {
            return host;
        }

        var current = Environment.ProcessPath;
        return current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "dotnet";
    }
}
