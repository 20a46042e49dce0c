using System.ClientModel;
using Microsoft.Extensions.Options;
using QaBot.Core.Storage;
using Spectre.Console;

namespace QaBot.Cli.Console;

/// <summary>
/// Errors a user can act on (a re-index needed, a bad setting, a missing folder, a database problem,
/// an embedding or LLM service that cannot be reached or refuses the call) are printed as one plain
/// message on standard error, without a stack trace.
/// </summary>
internal static class CliErrors
{
    public static bool IsUserFacing(Exception ex) => ex switch
    {
        // The OpenAI client's retry policy gives up with every attempt's error in one AggregateException.
        AggregateException aggregate => aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(IsUserFacing),
        _ => ex is IndexMismatchException or StorageException or OptionsValidationException
            or DirectoryNotFoundException or FileNotFoundException or UnauthorizedAccessException or InvalidOperationException or IOException
            or HttpRequestException or ClientResultException,
    };

    public static void Print(Exception ex)
    {
        var message = ex switch
        {
            OptionsValidationException validation => string.Join(Environment.NewLine, validation.Failures),
            AggregateException aggregate => Describe(aggregate.InnerExceptions[^1]),
            _ => Describe(ex),
        };
        ErrorConsole.Create().MarkupLine($"[red]Error:[/] {ConsoleText.Escape(message)}");
    }

    private static string Describe(Exception ex) => ex is HttpRequestException or ClientResultException
        ? $"a remote service (embeddings or LLM) failed: {ex.Message}"
        : ex.Message;
}
