namespace QaBot.Core.Answering;

/// <summary>The fixed sentences QaBot says when it does not answer from the articles.</summary>
public static class AnswerMessages
{
    public const string NotFound = "I couldn't find that in the indexed articles.";

    public const string EmptyQuestion = "Please type a question about the news articles.";

    public static string TooLong(int maxChars) =>
        $"That message is too long for me (more than {maxChars:N0} characters). Please ask a shorter question.";
}
