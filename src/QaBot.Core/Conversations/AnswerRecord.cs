using QaBot.Core.Answering;

namespace QaBot.Core.Conversations;

/// <summary>
/// One answer as the user saw it, kept so that feedback on it can be stored with what was asked and
/// said: <see cref="AnswerId"/> is QaBot's own id, <see cref="ReplyId"/> the id the channel gave the reply
/// message (Teams refers to it in its feedback invoke), <see cref="StreamId"/> the id of the streamed
/// message it completed, if any (Teams shows a streamed answer as that message). <see cref="Context"/> holds the conversation's
/// earlier user questions, oldest first, so a follow-up can be replayed as an evaluation case.
/// </summary>
public sealed record AnswerRecord(
    string AnswerId,
    string ConversationKey,
    string? ReplyId,
    string Question,
    IReadOnlyList<string> Context,
    string AnswerText,
    bool Declined,
    bool Partial,
    IReadOnlyList<CitationDto> Citations,
    IReadOnlyList<string> RetrievedDocumentIds,
    string Composer,
    double? Confidence,
    DateTimeOffset CreatedUtc)
{
    public string? StreamId { get; init; }

    /// <summary>The record of <paramref name="answer"/> as sent in reply <paramref name="replyId"/>.</summary>
    public static AnswerRecord From(string answerId, string conversationKey, string? replyId, Answer answer, IReadOnlyList<string> context, DateTimeOffset createdUtc, string? streamId = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(answerId);
        ArgumentException.ThrowIfNullOrEmpty(conversationKey);
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(context);
        var dto = AnswerDto.From(answer);
        return new AnswerRecord(
            answerId,
            conversationKey,
            replyId,
            answer.Question,
            context,
            answer.Text,
            answer.Declined,
            answer.Partial,
            dto.Citations,
            [.. answer.Retrieved.Select(r => r.Chunk.DocumentId).Distinct(StringComparer.Ordinal)],
            answer.Composer,
            dto.Confidence,
            createdUtc)
        {
            StreamId = streamId,
        };
    }
}
