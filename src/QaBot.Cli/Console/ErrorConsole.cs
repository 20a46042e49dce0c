using Spectre.Console;

namespace QaBot.Cli.Console;

/// <summary>A Spectre console on standard error, for progress and messages that must not mix with --json output.</summary>
internal static class ErrorConsole
{
    public static IAnsiConsole Create() =>
        AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(System.Console.Error) });
}
