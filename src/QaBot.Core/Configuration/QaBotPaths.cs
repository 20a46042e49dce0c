namespace QaBot.Core.Configuration;

/// <summary>
/// Finds the QaBot root (the folder with <c>QaBot.sln</c> or <c>appsettings.json</c> and <c>seeds/</c>)
/// and resolves relative paths from configuration against it, so the CLI, the bot and the tests
/// agree on where the corpus, prompts and database are wherever they are started from.
/// </summary>
public static class QaBotPaths
{
    public const string RootEnvironmentVariable = "QABOT_ROOT";

    public static string FindRoot()
    {
        var fromEnv = Environment.GetEnvironmentVariable(RootEnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnv))
        {
            return Path.GetFullPath(fromEnv);
        }

        return FindUpwards(Directory.GetCurrentDirectory())
            ?? FindUpwards(AppContext.BaseDirectory)
            ?? Directory.GetCurrentDirectory();
    }

    public static string Resolve(string root, string path) =>
        Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(root, path));

    private static string? FindUpwards(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "QaBot.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
