using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using QaBot.Core.Configuration;

namespace QaBot.Core.Answering.Llm;

/// <summary>
/// Rewrites a follow-up into a standalone query with the rewrite prompt. Only questions the offline
/// <see cref="FollowUpQueryRewriter"/> would extend (pronouns, too few content words) reach the
/// model; on any failure, or an unusable reply, the offline rewrite is used. One attempt is bounded
/// by <see cref="LlmOptions.Timeout"/>.
/// </summary>
public sealed partial class LlmQueryRewriter(
    LlmKernel llm,
    IOptions<LlmOptions> options,
    ILogger<LlmQueryRewriter> logger) : IQueryRewriter
{
    private const int MinMaxLength = 300;

    public async Task<string> RewriteAsync(string question, IReadOnlyList<ConversationTurn> history, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(history);
        var offlineRewrite = FollowUpQueryRewriter.Rewrite(question, history);
        if (offlineRewrite == question)
        {
            return question;
        }

        try
        {
            using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            budget.CancelAfter(options.Value.Timeout);
            var result = await llm.Kernel.InvokeAsync(llm.RewriteFunction, llm.RewriteArguments(question, history), budget.Token).ConfigureAwait(false);
            var rewritten = Clean(result.GetValue<string>());
            if (rewritten.Length == 0 || rewritten.Length > Math.Max(MinMaxLength, question.Length * 4))
            {
                LogUnusable(rewritten.Length);
                return offlineRewrite;
            }

            return rewritten;
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            LogFallingBack(exception, LlmFailure.Describe(exception));
            return offlineRewrite;
        }
    }

    /// <summary>The first non-empty line, without surrounding quotes or a "Standalone question:" label.</summary>
    internal static string Clean(string? reply)
    {
        var line = (reply ?? string.Empty).ReplaceLineEndings("\n").Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? string.Empty;
        var colon = line.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && colon < 40 && line[..colon].Contains("question", StringComparison.OrdinalIgnoreCase))
        {
            line = line[(colon + 1)..].Trim();
        }

        return line.Trim('"', '\'', '“', '”', '`').Trim();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The LLM query rewrite failed ({Reason}); using the offline follow-up rewrite")]
    private partial void LogFallingBack(Exception exception, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The LLM query rewrite was unusable ({Length} characters); using the offline follow-up rewrite")]
    private partial void LogUnusable(int length);
}
