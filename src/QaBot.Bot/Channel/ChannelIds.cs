namespace QaBot.Bot.Channel;

/// <summary>Activity <c>channelId</c> values the bot treats specially.</summary>
public static class ChannelIds
{
    public const string MsTeams = "msteams";
    public const string WebChat = "webchat";
    public const string DirectLine = "directline";
    public const string Emulator = "emulator";
}
