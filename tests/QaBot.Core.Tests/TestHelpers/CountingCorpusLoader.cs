using QaBot.Core.Ingestion;

namespace QaBot.Core.Tests.TestHelpers;

/// <summary>Passes everything to another loader and counts the files it is asked to read.</summary>
public sealed class CountingCorpusLoader(ICorpusLoader inner) : ICorpusLoader
{
    public int FilesRead { get; private set; }

    public List<string> PathsRead { get; } = [];

    public async Task<CorpusLoadResult> LoadAsync(string folder, CancellationToken cancellationToken = default)
    {
        var files = await inner.ListAsync(folder, cancellationToken);
        Count(files);
        return await inner.LoadAsync(folder, cancellationToken);
    }

    public Task<IReadOnlyList<CorpusFile>> ListAsync(string folder, CancellationToken cancellationToken = default) =>
        inner.ListAsync(folder, cancellationToken);

    public Task<CorpusLoadResult> LoadFilesAsync(IReadOnlyList<CorpusFile> files, CancellationToken cancellationToken = default)
    {
        Count(files);
        return inner.LoadFilesAsync(files, cancellationToken);
    }

    public void Reset()
    {
        FilesRead = 0;
        PathsRead.Clear();
    }

    private void Count(IReadOnlyList<CorpusFile> files)
    {
        FilesRead += files.Count;
        PathsRead.AddRange(files.Select(f => Path.GetFileName(f.Path)));
    }
}
