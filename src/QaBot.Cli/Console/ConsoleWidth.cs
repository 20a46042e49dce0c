namespace QaBot.Cli.Console;

/// <summary>How wide the CLI writes when its output is not a terminal: wide enough that no line is wrapped.</summary>
internal static class ConsoleWidth
{
    public const int Redirected = 10_000;
}
