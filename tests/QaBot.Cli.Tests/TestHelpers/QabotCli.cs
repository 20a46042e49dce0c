using System.Diagnostics;
using QaBot.Testing;

namespace QaBot.Cli.Tests.TestHelpers;

/// <summary>
/// Starts the real <c>qabot</c> CLI (the built qabot.dll beside the tests) as a child process with its
/// own environment and plain, wide output, so a test can read what it prints and kill it mid-run.
/// </summary>
public static class QabotCli
{
    public static string CliPath => Path.Combine(AppContext.BaseDirectory, "qabot.dll");

    public static ChildProcess Start(IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        if (!File.Exists(CliPath))
        {
            throw new FileNotFoundException($"The CLI was not built beside the tests at {CliPath}.", CliPath);
        }

        var start = new ProcessStartInfo(DotnetHost()) { WorkingDirectory = AppContext.BaseDirectory };
        start.ArgumentList.Add(CliPath);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        // Wide, plain output: the test reads skipped-file lines as text.
        start.Environment["NO_COLOR"] = "1";
        start.Environment["TERM"] = "dumb";
        start.Environment["COLUMNS"] = environment.TryGetValue("COLUMNS", out var columns) ? columns : "400";
        return ChildProcess.Start("qabot", start);
    }

    /// <summary>Runs to the end (or kills and fails after <paramref name="timeout"/>).</summary>
    public static async Task<ChildProcess> RunAsync(IReadOnlyDictionary<string, string> environment, TimeSpan timeout, params string[] arguments)
    {
        var cli = Start(environment, arguments);
        try
        {
            await cli.WaitForExitAsync(timeout);
        }
        catch
        {
            cli.Dispose();
            throw;
        }

        return cli;
    }

    /// <summary>The dotnet host running the tests, so the CLI runs on the same runtime.</summary>
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
