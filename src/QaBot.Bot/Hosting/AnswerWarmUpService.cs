using System.Diagnostics;
using Microsoft.Extensions.Options;
using QaBot.Core.Answering.Encoding;
using QaBot.Core.Answering.Model;
using QaBot.Core.Configuration;

namespace QaBot.Bot.Hosting;

/// <summary>
/// Loads the answer model and the sentence encoder in the background when the bot starts
/// (<see cref="AnsweringOptions.WarmUp"/>), so the first user's question does not pay for them. It never
/// delays readiness; a failure is logged here and reported again by the first question.
/// </summary>
public sealed partial class AnswerWarmUpService(
    IOptions<AnsweringOptions> options,
    IServiceProvider services,
    ILogger<AnswerWarmUpService> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.WarmUp)
        {
            return Task.CompletedTask;
        }

        return Task.Run(
            () =>
            {
                var stopwatch = Stopwatch.StartNew();
                try
                {
                    _ = services.GetRequiredService<AnswerModelHost>().Model;
                    services.GetRequiredService<AnswerEncoder>().EncodeQuestion("Who answers the first question?");
                    LogWarm(logger, stopwatch.Elapsed.TotalSeconds);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogWarmUpFailed(logger, ex);
                }
            },
            stoppingToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Answer model and sentence encoder loaded in {Seconds:F1} s")]
    private static partial void LogWarm(ILogger logger, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Loading the answer model or the sentence encoder failed; the first question will try again and report the error")]
    private static partial void LogWarmUpFailed(ILogger logger, Exception exception);
}
