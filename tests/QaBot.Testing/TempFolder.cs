namespace QaBot.Testing;

/// <summary>
/// A fresh folder under the system temp folder, deleted (best effort) on dispose, so tests running in
/// parallel never share files and leave none behind.
/// </summary>
public sealed class TempFolder : IDisposable
{
    /// <param name="prefix">Start of the folder's name, to tell which tests left a folder behind.</param>
    public TempFolder(string prefix = "qabot-tests-")
    {
        Path = Directory.CreateTempSubdirectory(prefix).FullName;
    }

    public string Path { get; }

    /// <summary>The full path of <paramref name="name"/> inside the folder.</summary>
    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: a temp folder left behind is harmless.
        }
    }
}
