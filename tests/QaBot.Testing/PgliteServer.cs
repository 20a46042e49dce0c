using System.Diagnostics;
using System.Text.RegularExpressions;
using QaBot.Core.Configuration;

namespace QaBot.Testing;

/// <summary>
/// A real PostgreSQL with pgvector for the tests: PGlite (PostgreSQL 18 in WebAssembly) served on a free
/// loopback port by <c>scripts/pglite-server.mjs</c>, in memory. One server per test process
/// (<see cref="SharedAsync"/>), started on first use; it exits with the process (it watches its stdin).
/// Tests keep apart by schema (<see cref="StorageOptions.Schema"/>). When node or the npm packages are
/// missing the tests fail loudly, never skip.
/// </summary>
public sealed partial class PgliteServer : IDisposable
{
    private static readonly SemaphoreSlim StartGate = new(1, 1);
    private static PgliteServer? shared;
    private readonly ChildProcess _process;

    private PgliteServer(ChildProcess process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    /// <summary>
    /// An Npgsql connection string for this server. PGlite is one database session, so a small pool and
    /// generous timeouts: clients wait their turn for the session.
    /// </summary>
    public string ConnectionString =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Password=postgres;Database=postgres;Maximum Pool Size=6;Timeout=60;Command Timeout=300;No Reset On Close=true";

    /// <summary>The server this test process shares, started by the first caller (PGlite takes 10–20 s to start).</summary>
    public static async Task<PgliteServer> SharedAsync()
    {
        if (shared is { } running)
        {
            return running;
        }

        await StartGate.WaitAsync();
        try
        {
            if (shared is null)
            {
                shared = await StartAsync(TimeSpan.FromMinutes(3));
                AppDomain.CurrentDomain.ProcessExit += (_, _) => shared.Dispose();
            }

            return shared;
        }
        finally
        {
            StartGate.Release();
        }
    }

    /// <summary>Starts a server of one's own (a test that needs a database nobody else writes to).</summary>
    public static async Task<PgliteServer> StartAsync(TimeSpan timeout)
    {
        var root = QaBotPaths.FindRoot();
        var start = new ProcessStartInfo("node") { WorkingDirectory = root, RedirectStandardInput = true };
        foreach (var argument in (string[])[Path.Combine(root, "scripts", "pglite-server.mjs"), "--port", "0", "--exit-with-stdin"])
        {
            start.ArgumentList.Add(argument);
        }

        var process = ChildProcess.Start("pglite-server", start);
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (ListeningLine().Match(process.StandardOutput) is { Success: true } match)
            {
                return new PgliteServer(process, int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
            }

            if (process.HasExited)
            {
                break;
            }

            await Task.Delay(100);
        }

        var output = $"stdout:\n{process.StandardOutput}\nstderr:\n{process.StandardError}";
        process.Dispose();
        throw new InvalidOperationException($"PGlite did not start within {timeout.TotalSeconds:0} s (is `npm ci` done? node_modules/@electric-sql/pglite is needed).\n{output}");
    }

    public void Dispose() => _process.Dispose();

    [GeneratedRegex(@"^listening (\d+)\s*$", RegexOptions.Multiline)]
    private static partial Regex ListeningLine();
}
