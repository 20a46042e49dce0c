namespace QaBot.Core.Answering;

public enum ConversationRole
{
    User,
    Assistant,
}
