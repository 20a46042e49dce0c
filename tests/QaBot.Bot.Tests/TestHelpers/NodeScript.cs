using System.Diagnostics;
using QaBot.Testing;

namespace QaBot.Bot.Tests.TestHelpers;

/// <summary>
/// Starts a node script the test needs (offline-directline, the Direct Line client) with the repository's
/// node_modules on NODE_PATH, as a child process whose output is kept and whose tree is killed on dispose.
/// </summary>
public static class NodeScript
{
    public static ChildProcess Start(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo("node") { WorkingDirectory = workingDirectory };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["NODE_PATH"] = Path.Combine(RealBotFixture.RepoRoot, "node_modules");
        return ChildProcess.Start("node", start);
    }
}
