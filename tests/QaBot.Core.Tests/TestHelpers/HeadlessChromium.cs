using System.Diagnostics;

namespace QaBot.Core.Tests.TestHelpers;

/// <summary>
/// Runs Debian's headless Chromium (<c>/usr/bin/chromium</c>, installed by scripts/install-test-prerequisites.sh,
/// or <c>CHROMIUM_PATH</c>). When it is missing the calling test fails: browser checks are never skipped.
/// </summary>
internal static class HeadlessChromium
{
    public static string ExecutablePath =>
        Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    /// <summary>The page's DOM after load (and after its scripts ran).</summary>
    public static async Task<string> DumpDomAsync(string htmlPath, CancellationToken cancellationToken = default) =>
        (await RunAsync(["--dump-dom", new Uri(htmlPath).AbsoluteUri], cancellationToken)).StandardOutput;

    /// <summary>A PNG screenshot of the page in a window of the given size.</summary>
    public static async Task ScreenshotAsync(string htmlPath, string pngPath, int width, int height, CancellationToken cancellationToken = default) =>
        await RunAsync([$"--screenshot={pngPath}", $"--window-size={width},{height}", "--hide-scrollbars", new Uri(htmlPath).AbsoluteUri], cancellationToken);

    private static async Task<(string StandardOutput, string StandardError)> RunAsync(IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException(
                $"Chromium is not installed at {ExecutablePath}: run scripts/install-test-prerequisites.sh (apt-get install chromium) or set CHROMIUM_PATH.");
        }

        var profile = Directory.CreateTempSubdirectory("qabot-chromium-");
        try
        {
            var start = new ProcessStartInfo(ExecutablePath)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[]
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--no-default-browser-check",
                "--disable-extensions", "--mute-audio", $"--user-data-dir={profile.FullName}",
            }.Concat(arguments))
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {ExecutablePath}.");
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(90));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("Headless Chromium did not finish within 90 s.");
            }

            var (output, error) = (await stdout, await stderr);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"Chromium exited with {process.ExitCode}: {error}");
            }

            return (output, error);
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }
}
