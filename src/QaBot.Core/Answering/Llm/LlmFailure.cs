using System.ClientModel;
using System.Net;
using Microsoft.SemanticKernel;
using Polly.Timeout;

namespace QaBot.Core.Answering.Llm;

/// <summary>Short, user-safe reasons for a failed LLM call ("timeout", "HTTP 500"), recorded in Answer.Composer.</summary>
internal static class LlmFailure
{
    public const string Timeout = "timeout";

    public static string Describe(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var chain = Chain(exception).ToList();
        foreach (var e in chain)
        {
            var status = e switch
            {
                HttpOperationException { StatusCode: { } code } => (int)code,
                ClientResultException { Status: > 0 } client => client.Status,
                HttpRequestException { StatusCode: { } code } => (int)code,
                _ => 0,
            };
            if (status > 0)
            {
                return status == (int)HttpStatusCode.TooManyRequests ? "HTTP 429 (rate limited)" : $"HTTP {status}";
            }
        }

        if (chain.Any(e => e is TimeoutRejectedException or TimeoutException or OperationCanceledException))
        {
            return Timeout;
        }

        if (chain.Any(e => e is FileNotFoundException or FormatException))
        {
            return "prompt file error";
        }

        if (chain.Any(e => e is HttpRequestException or IOException))
        {
            return "connection failed";
        }

        return $"error ({exception.GetType().Name})";
    }

    private static IEnumerable<Exception> Chain(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            yield return e;
        }
    }
}
