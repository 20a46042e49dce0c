using QaBot.Core.Text;
using Spectre.Console;

namespace QaBot.Cli.Console;

/// <summary>
/// Text from the corpus, the index or an error (titles, snippets, answers, file names) as Spectre markup:
/// cleaned for display first (terminal escape sequences, control and format characters removed, so an
/// article cannot set the window title or clear the screen), then markup-escaped. Every such string the CLI
/// prints goes through here.
/// </summary>
internal static class ConsoleText
{
    public static string Escape(string text) => Markup.Escape(TextNormalizer.ForDisplay(text));
}
