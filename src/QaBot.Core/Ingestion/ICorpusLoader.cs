namespace QaBot.Core.Ingestion;

/// <summary>Reads the articles of a corpus folder; unreadable files are reported, not thrown.</summary>
public interface ICorpusLoader
{
    Task<CorpusLoadResult> LoadAsync(string folder, CancellationToken cancellationToken = default);
}
