using System.Net;
using Microsoft.SemanticKernel;
using Polly.Timeout;
using QaBot.Core.Answering.Llm;

namespace QaBot.Core.Tests.Answering.Llm;

public sealed class LlmFailureTests
{
    public static TheoryData<Exception, string> Failures => new()
    {
        { new HttpOperationException(HttpStatusCode.InternalServerError, "boom", "Service failed", null), "HTTP 500" },
        { new HttpOperationException(HttpStatusCode.TooManyRequests, "slow down", "Rate limited", null), "HTTP 429 (rate limited)" },
        { new KernelException("wrapped", new HttpRequestException("bad gateway", null, HttpStatusCode.BadGateway)), "HTTP 502" },
        { new TimeoutRejectedException("attempt timed out"), "timeout" },
        { new TaskCanceledException("budget"), "timeout" },
        { new HttpRequestException("connection refused"), "connection failed" },
        { new FileNotFoundException("prompts/answer.prompt"), "prompt file error" },
        { new InvalidOperationException("odd"), "error (InvalidOperationException)" },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void AFailureIsDescribedWithoutItsMessage(Exception exception, string expected)
    {
        Assert.Equal(expected, LlmFailure.Describe(exception));
    }
}
