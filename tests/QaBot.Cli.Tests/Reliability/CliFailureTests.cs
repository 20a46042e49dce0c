using System.Net;
using System.Net.Sockets;
using QaBot.Cli.Tests.TestHelpers;

namespace QaBot.Cli.Tests.Reliability;

/// <summary>Faults outside QaBot end the CLI with a plain message and exit code 2, never a stack trace.</summary>
public sealed class CliFailureTests
{
    [Fact]
    public async Task IndexingWithAnUnreachableEmbeddingServiceEndsWithAPlainMessageAndNoStackTrace()
    {
        using var embeddings = new FakeEmbeddingsServer();
        using var sandbox = new IndexSandbox(embeddings);
        GeneratedArticles.Write(sandbox.CorpusPath, 3);
        var environment = sandbox.Environment().ToDictionary();
        environment["QaBot__Embeddings__Ollama__Endpoint"] = $"http://127.0.0.1:{ClosedPort()}";

        using var run = await CliProcess.RunAsync(environment, TimeSpan.FromSeconds(60), "index");

        var output = run.StandardOutput + run.StandardError;
        Assert.True(run.ExitCode == 2, $"exit code {run.ExitCode}:\n{output}");
        Assert.Contains("Error: a remote service (embeddings or LLM) failed: Connection refused", run.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    private static int ClosedPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port; // closed again when the probe is disposed
    }
}
