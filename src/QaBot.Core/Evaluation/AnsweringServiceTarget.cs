using QaBot.Core.Answering;

namespace QaBot.Core.Evaluation;

/// <summary>
/// Evaluates the in-process <see cref="IAnsweringService"/> — the same service the bot and <c>qabot ask</c>
/// use. Context turns run as a real conversation: each is asked with the history so far, and its answer is
/// kept in the history before the case's question is asked.
/// </summary>
public sealed class AnsweringServiceTarget(IAnsweringService answeringService) : IEvaluationTarget
{
    private readonly IAnsweringService _answeringService = answeringService ?? throw new ArgumentNullException(nameof(answeringService));

    public string Name => "in-process";

    public bool ReportsRetrieval => true;

    public async Task<EvalCaseOutcome> RunCaseAsync(EvalCase evalCase, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(evalCase);

        var history = new List<ConversationTurn>();
        var contextAnswers = new List<string>();
        foreach (var message in evalCase.Context)
        {
            var earlier = await _answeringService.AskAsync(message, [.. history], cancellationToken).ConfigureAwait(false);
            history.Add(new ConversationTurn(ConversationRole.User, message));
            history.Add(new ConversationTurn(ConversationRole.Assistant, earlier.Text));
            contextAnswers.Add(earlier.Text);
        }

        var answer = await _answeringService.AskAsync(evalCase.Question, [.. history], cancellationToken).ConfigureAwait(false);
        return new EvalCaseOutcome(AnswerDto.From(answer), contextAnswers);
    }
}
