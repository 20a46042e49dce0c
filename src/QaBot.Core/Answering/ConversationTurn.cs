namespace QaBot.Core.Answering;

/// <summary>One earlier message of a conversation, oldest first when passed as history.</summary>
public sealed record ConversationTurn(ConversationRole Role, string Text);
