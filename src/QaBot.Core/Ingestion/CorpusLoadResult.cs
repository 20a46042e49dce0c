namespace QaBot.Core.Ingestion;

/// <summary>The articles of a corpus folder and the files (or records) that could not be articles.</summary>
public sealed record CorpusLoadResult(IReadOnlyList<SourceDocument> Documents, IReadOnlyList<SkippedFile> Skipped)
{
    /// <summary>Files read with a remark (another encoding than UTF-8), in path order.</summary>
    public IReadOnlyList<FileNote> Notes { get; init; } = [];

    /// <summary>Files of types QaBot does not read, in path order.</summary>
    public IReadOnlyList<string> OtherFiles { get; init; } = [];
}
