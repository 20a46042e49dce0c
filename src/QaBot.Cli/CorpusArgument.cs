using System.CommandLine;

namespace QaBot.Cli;

/// <summary>
/// <c>--corpus PATH</c>, accepted by every command: the folder of articles to index and answer from, instead
/// of <c>QaBot:Corpus:Path</c>. A relative path is taken from the current folder (as a shell user expects).
/// The service container is built before the command line is parsed, so the value is read from the raw
/// arguments (<see cref="Find"/>); the option itself makes the parser accept it and lists it in the help.
/// </summary>
internal static class CorpusArgument
{
    public const string Name = "--corpus";

    public static Option<string> CreateOption() => new(Name)
    {
        Description = "The folder of articles to use (default: QaBot:Corpus:Path). Each corpus has its own index.",
        Recursive = true,
        HelpName = "PATH",
    };

    /// <summary>The full path given by <c>--corpus PATH</c> or <c>--corpus=PATH</c>, or null when there is none.</summary>
    public static string? Find(IReadOnlyList<string> args)
    {
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == "--")
            {
                break;
            }

            if (args[i] == Name && i + 1 < args.Count)
            {
                return Path.GetFullPath(args[i + 1]);
            }

            if (args[i].StartsWith(Name + "=", StringComparison.Ordinal) && args[i].Length > Name.Length + 1)
            {
                return Path.GetFullPath(args[i][(Name.Length + 1)..]);
            }
        }

        return null;
    }
}
