using QaBot.Core.Ingestion;

namespace QaBot.Core.Indexing;

/// <summary>
/// Compares a listed corpus folder with the catalog, reading only the files that need it: a file whose
/// id, size, last-write time and chunker signature match the catalog value counts as unchanged unread;
/// every other file is read and compared by content hash.
/// </summary>
/// <remarks>
/// The outcome is the one a full read would give, on the premise that a file with its recorded stamp
/// still holds the bytes it held then: of files sharing an id, the first (in path order) that loads
/// keeps it, broken files are reported on every run (they are never in the catalog, so always read),
/// and catalog documents whose file is gone are removed.
/// </remarks>
internal static class CorpusChangeDetector
{
    public static async Task<CorpusChanges> DetectAsync(
        ICorpusLoader loader,
        IReadOnlyList<CorpusFile> files,
        IReadOnlyDictionary<string, string> stored,
        string chunkerSignature,
        CancellationToken cancellationToken = default)
    {
        var sameFile = new bool[files.Count];
        var toRead = new List<CorpusFile>();
        for (var i = 0; i < files.Count; i++)
        {
            var file = files[i];
            sameFile[i] = file.Stamp is { } stamp
                && stored.TryGetValue(file.Id, out var value)
                && CatalogHash.IsSameFile(value, chunkerSignature, stamp);
            if (!sameFile[i])
            {
                toRead.Add(file);
            }
        }

        var loaded = toRead.Count == 0
            ? new CorpusLoadResult([], [])
            : await loader.LoadFilesAsync(toRead, cancellationToken).ConfigureAwait(false);
        var documents = new Dictionary<string, SourceDocument>(StringComparer.Ordinal);
        foreach (var document in loaded.Documents)
        {
            documents[document.SourcePath] = document;
        }

        var failures = new Dictionary<string, SkippedFile>(StringComparer.Ordinal);
        var skipped = new List<SkippedFile>();
        foreach (var failure in loaded.Skipped)
        {
            if (!failures.TryAdd(failure.Path, failure))
            {
                skipped.Add(failure);
            }
        }

        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        var changed = new List<SourceDocument>();
        var restamped = new Dictionary<string, string>(StringComparer.Ordinal);
        var unchanged = 0;
        for (var i = 0; i < files.Count; i++)
        {
            var file = files[i];
            SourceDocument? document = null;
            if (!sameFile[i] && !documents.TryGetValue(file.Path, out document))
            {
                if (failures.Remove(file.Path, out var failure))
                {
                    skipped.Add(failure);
                }

                continue;
            }

            if (owners.TryGetValue(file.Id, out var firstPath))
            {
                skipped.Add(CorpusLoader.DuplicateId(file.Path, file.Id, firstPath));
                continue;
            }

            owners.Add(file.Id, file.Path);
            if (document is null)
            {
                unchanged++;
            }
            else if (stored.TryGetValue(document.Id, out var value) && CatalogHash.IsSameContent(value, document.ContentHash, chunkerSignature))
            {
                unchanged++;
                var current = CatalogHash.Format(document.ContentHash, chunkerSignature, document.Stamp);
                if (document.Stamp is not null && !string.Equals(value, current, StringComparison.Ordinal))
                {
                    restamped[document.Id] = current;
                }
            }
            else
            {
                changed.Add(document);
            }
        }

        // Failures for paths that were not listed (a loader should not report those, but never lose one).
        skipped.AddRange(failures.Values);

        var present = owners.Keys.ToHashSet(StringComparer.Ordinal);
        var removed = stored.Keys.Where(id => !present.Contains(id)).ToList();
        return new CorpusChanges(changed, present, unchanged, restamped, removed, skipped, toRead.Count);
    }
}
