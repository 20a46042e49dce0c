using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using QaBot.Core.Conversations;
using QaBot.Core.Text;

namespace QaBot.Cli.Commands;

/// <summary>
/// <c>qabot feedback</c>: what users said about the answers (likes, dislikes, comments, by composer);
/// <c>qabot feedback export --out FILE.jsonl [--all]</c>: the disliked answers (or all) as evaluation cases to review.
/// </summary>
public static class FeedbackCommand
{
    public const int ShownComments = 10;

    public static Command Create(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var output = new Option<FileInfo>("--out", "-o") { Description = "JSONL file to write (question-set format)", Required = true };
        var all = new Option<bool>("--all") { Description = "Export liked answers too (as cases that should keep passing)" };
        var export = new Command("export", "Write the disliked answers as evaluation cases for review") { output, all };
        export.SetAction(async (parseResult, cancellationToken) =>
        {
            var store = services.GetRequiredService<IConversationStore>();
            var feedback = await store.GetFeedbackAsync(cancellationToken).ConfigureAwait(false);
            var chosen = parseResult.GetValue(all) ? feedback : [.. feedback.Where(f => f.Reaction == FeedbackReaction.Dislike)];
            var path = parseResult.GetValue(output)!.FullName;
            var written = await FeedbackExport.WriteAsync(chosen, path, cancellationToken).ConfigureAwait(false);
            System.Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Wrote {written} case{(written == 1 ? "" : "s")} to {path}."));
            if (written > 0)
            {
                System.Console.WriteLine("Review each case: fill \"expected\" (and check \"sources\"), then add it to a question set for `qabot eval`.");
            }

            return 0;
        });

        var command = new Command("feedback", "Summarise the feedback users gave on answers (thumbs up/down, comments)") { export };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var store = services.GetRequiredService<IConversationStore>();
            var feedback = await store.GetFeedbackAsync(cancellationToken).ConfigureAwait(false);
            System.Console.Write(Summarise(feedback));
            return 0;
        });
        return command;
    }

    public static string Summarise(IReadOnlyList<AnswerFeedback> feedback)
    {
        ArgumentNullException.ThrowIfNull(feedback);
        var text = new System.Text.StringBuilder();
        if (feedback.Count == 0)
        {
            text.AppendLine("No feedback yet. Users give it with the thumbs under an answer in the web chat or Teams.");
            return text.ToString();
        }

        var liked = feedback.Count(f => f.Reaction == FeedbackReaction.Like);
        var disliked = feedback.Count - liked;
        text.AppendLine(CultureInfo.InvariantCulture, $"Feedback on {feedback.Count} answer{(feedback.Count == 1 ? "" : "s")}: {liked} liked, {disliked} disliked ({100.0 * liked / feedback.Count:F0}% liked).");
        foreach (var group in feedback.GroupBy(f => f.Answer.Composer).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var groupLiked = group.Count(f => f.Reaction == FeedbackReaction.Like);
            var confidences = group.Where(f => f.Answer.Confidence is not null).Select(f => f.Answer.Confidence!.Value).ToList();
            var confidence = confidences.Count == 0 ? string.Empty : string.Create(CultureInfo.InvariantCulture, $", mean confidence {confidences.Average():F2}");
            text.AppendLine(CultureInfo.InvariantCulture, $"  {group.Key}: {groupLiked} of {group.Count()} liked{confidence}");
        }

        var declinedDisliked = feedback.Count(f => f.Reaction == FeedbackReaction.Dislike && f.Answer.Declined);
        if (declinedDisliked > 0)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {declinedDisliked} of the disliked answers were declines.");
        }

        var recent = feedback.Where(f => f.Reaction == FeedbackReaction.Dislike).OrderByDescending(f => f.UpdatedUtc).Take(ShownComments).ToList();
        if (recent.Count > 0)
        {
            text.AppendLine("Disliked, newest first:");
            foreach (var item in recent)
            {
                var comment = item.Comment is null ? string.Empty : $" — “{TextNormalizer.ForDisplay(item.Comment)}”";
                var outcome = item.Answer.Declined ? " (declined)" : string.Empty;
                text.AppendLine(CultureInfo.InvariantCulture, $"  {item.UpdatedUtc:yyyy-MM-dd HH:mm}  {TextNormalizer.ForDisplay(item.Answer.Question)}{outcome}{comment}");
            }

            text.AppendLine("Export them as evaluation cases: qabot feedback export --out feedback.jsonl");
        }

        return text.ToString();
    }
}
