namespace QaBot.Core.Answering;

/// <summary>The question's interrogative, which says what kind of answer it wants (a closed class of English).</summary>
public enum QuestionForm
{
    /// <summary>No interrogative: a yes/no question or a request.</summary>
    Other,
    Who,
    When,
    Where,
    Why,
    How,
    HowMany,
    HowMuch,
    Which,
    What,
}
