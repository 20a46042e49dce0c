using Microsoft.Extensions.Options;
using QaBot.Core.Storage;
using Spectre.Console;

namespace QaBot.Cli.Console;

/// <summary>
/// Errors a user can act on (a re-index needed, a bad setting, a missing folder or database problem)
/// are printed as one plain message on standard error, without a stack trace.
/// </summary>
internal static class CliErrors
{
    public static bool IsUserFacing(Exception ex) => ex is IndexMismatchException or StorageException or OptionsValidationException
        or DirectoryNotFoundException or FileNotFoundException or UnauthorizedAccessException or InvalidOperationException or IOException;

    public static void Print(Exception ex)
    {
        var message = ex is OptionsValidationException validation ? string.Join(Environment.NewLine, validation.Failures) : ex.Message;
        ErrorConsole.Create().MarkupLine($"[red]Error:[/] {Markup.Escape(message)}");
    }
}
