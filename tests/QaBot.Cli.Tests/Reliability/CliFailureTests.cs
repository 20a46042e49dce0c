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
        using var closed = ReservedClosedPort();
        environment["QaBot__Embeddings__Ollama__Endpoint"] = $"http://127.0.0.1:{((IPEndPoint)closed.LocalEndPoint!).Port}";

        using var run = await CliProcess.RunAsync(environment, TimeSpan.FromSeconds(60), "index");

        var output = run.StandardOutput + run.StandardError;
        Assert.True(run.ExitCode == 2, $"exit code {run.ExitCode}:\n{output}");
        Assert.Contains("Error: a remote service (embeddings or LLM) failed: Connection refused", run.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    /// <summary>A loopback port bound but not listening: connections are refused, and no other test can take it meanwhile.</summary>
    private static Socket ReservedClosedPort()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return socket;
    }
}
