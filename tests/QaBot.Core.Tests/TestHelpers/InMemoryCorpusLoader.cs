using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using QaBot.Core.Ingestion;

namespace QaBot.Core.Tests.TestHelpers;

/// <summary>
/// A corpus held in memory: document id to text; the title is the first line. Each file's stamp is its
/// UTF-8 length and a time derived from its text (so any edit looks like a write), unless
/// <see cref="Stamps"/> says otherwise. Files in <see cref="Skipped"/> are listed and fail to load.
/// </summary>
public sealed class InMemoryCorpusLoader : ICorpusLoader
{
    private static readonly long BaseTicks = new DateTime(2025, 7, 2, 0, 0, 0, DateTimeKind.Utc).Ticks;

    public Dictionary<string, string> Files { get; } = new(StringComparer.Ordinal);

    /// <summary>Stamps to list instead of the derived ones (null: too recent to trust), by document id.</summary>
    public Dictionary<string, FileStamp?> Stamps { get; } = new(StringComparer.Ordinal);

    public List<SkippedFile> Skipped { get; } = [];

    public int Loads { get; private set; }

    /// <summary>Files read so far, by <see cref="LoadAsync"/> and <see cref="LoadFilesAsync"/>.</summary>
    public int FilesRead { get; private set; }

    public async Task<CorpusLoadResult> LoadAsync(string folder, CancellationToken cancellationToken = default)
    {
        Loads++;
        var loaded = await LoadFilesAsync(await ListAsync(folder, cancellationToken), cancellationToken);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return new CorpusLoadResult(loaded.Documents.Where(d => seen.Add(d.Id)).ToList(), loaded.Skipped);
    }

    public Task<IReadOnlyList<CorpusFile>> ListAsync(string folder, CancellationToken cancellationToken = default)
    {
        var files = Files.Keys
            .Select(id => new CorpusFile(id, Path.Combine(folder, id + ".txt"), Stamps.TryGetValue(id, out var stamp) ? stamp : StampOf(Files[id])))
            .Concat(Skipped.Select(s => new CorpusFile(Path.GetFileNameWithoutExtension(s.Path), s.Path, null)))
            .OrderBy(f => f.Path, StringComparer.Ordinal)
            .ToList();
        return Task.FromResult<IReadOnlyList<CorpusFile>>(files);
    }

    public Task<CorpusLoadResult> LoadFilesAsync(IReadOnlyList<CorpusFile> files, CancellationToken cancellationToken = default)
    {
        FilesRead += files.Count;
        var documents = new List<SourceDocument>();
        var skipped = new List<SkippedFile>();
        foreach (var file in files)
        {
            if (Skipped.FirstOrDefault(s => s.Path == file.Path) is { } broken)
            {
                skipped.Add(broken);
            }
            else if (Files.TryGetValue(file.Id, out var text))
            {
                documents.Add(new SourceDocument(
                    file.Id,
                    text.Split('\n')[0],
                    new DateOnly(2025, 7, 2),
                    text,
                    Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text))),
                    file.Path,
                    file.Stamp));
            }
            else
            {
                skipped.Add(new SkippedFile(file.Path, "could not be read: it is gone"));
            }
        }

        return Task.FromResult(new CorpusLoadResult(documents, skipped));
    }

    private static FileStamp StampOf(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        return new FileStamp(bytes.Length, BaseTicks + BinaryPrimitives.ReadUInt32LittleEndian(SHA256.HashData(bytes)));
    }
}
