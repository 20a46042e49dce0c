using System.Security.Cryptography;
using System.Text;
using QaBot.Core.Ingestion;

namespace QaBot.Core.Tests.TestHelpers;

/// <summary>A corpus held in memory: document id to text; the title is the first line.</summary>
public sealed class InMemoryCorpusLoader : ICorpusLoader
{
    public Dictionary<string, string> Files { get; } = new(StringComparer.Ordinal);

    public List<SkippedFile> Skipped { get; } = [];

    public int Loads { get; private set; }

    public Task<CorpusLoadResult> LoadAsync(string folder, CancellationToken cancellationToken = default)
    {
        Loads++;
        var documents = Files
            .OrderBy(f => f.Key, StringComparer.Ordinal)
            .Select(f => new SourceDocument(
                f.Key,
                f.Value.Split('\n')[0],
                new DateOnly(2025, 7, 2),
                f.Value,
                Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(f.Value))),
                Path.Combine(folder, f.Key + ".txt")))
            .ToList();
        return Task.FromResult(new CorpusLoadResult(documents, Skipped.ToList()));
    }
}
