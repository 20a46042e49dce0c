using System.Diagnostics;
using System.Runtime.CompilerServices;
using QaBot.Core.Ingestion;

namespace QaBot.Core.Indexing;

/// <summary>
/// Compares a listed corpus folder with the catalog, reading only the files that need it: a file whose
/// id, size, last-write time and signature match the catalog value counts as unchanged unread;
/// every other file is read and its documents (one, or one per record of an article dump) compared by
/// content hash. Files of types QaBot does not read are only counted. New and changed documents are yielded as
/// they are read, in path order, so an indexer can chunk, embed and store the first ones while the
/// rest of the folder is still being read; the summary (<see cref="Changes"/>) is complete once the
/// enumeration has ended.
/// </summary>
/// <remarks>
/// The outcome is the one a full read would give, on the premise that a file with its recorded stamp
/// still holds the bytes it held then: of files sharing an id, the first (in path order) that loads
/// keeps it, broken files are reported on every run (they are never in the catalog, so always read),
/// and catalog documents whose file is gone are removed.
/// </remarks>
internal sealed class CorpusChangeDetector
{
    /// <summary>
    /// Files read (in parallel) at a time. The next slice is read while the documents of this one are
    /// chunked and embedded, so reading overlaps with the rest of the pipeline without holding the
    /// whole corpus in memory.
    /// </summary>
    internal const int ReadSlice = 256;

    private readonly ICorpusLoader _loader;
    private readonly IReadOnlyList<CorpusFile> _files;
    private readonly IReadOnlyDictionary<string, string> _stored;
    private readonly string _chunkerSignature;
    private readonly bool[] _sameFile;
    private readonly List<string> _otherFiles = [];
    private readonly List<CorpusFile> _toRead = [];
    private CorpusChanges? _changes;
    private long _readTicks;

    public CorpusChangeDetector(ICorpusLoader loader, IReadOnlyList<CorpusFile> files, IReadOnlyDictionary<string, string> stored, string chunkerSignature)
    {
        _loader = loader;
        _files = files;
        _stored = stored;
        _chunkerSignature = chunkerSignature;
        _sameFile = new bool[files.Count];
        for (var i = 0; i < files.Count; i++)
        {
            var file = files[i];
            if (file.Kind == CorpusFileKind.Other)
            {
                _otherFiles.Add(file.Path);
                continue;
            }

            _sameFile[i] = file.Stamp is { } stamp
                && stored.TryGetValue(file.Id, out var value)
                && CatalogHash.IsSameFile(value, chunkerSignature, stamp);
            if (!_sameFile[i])
            {
                _toRead.Add(file);
            }
        }
    }

    /// <summary>How many files must be read (the others are unchanged by their stamp): an upper bound on the documents to index.</summary>
    public int FilesToRead => _toRead.Count;

    /// <summary>Time spent reading files so far, summed over the slices (which run on the thread pool).</summary>
    public TimeSpan ReadTime => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _readTicks));

    /// <summary>How the folder differs from the catalog; available once <see cref="ReadChangedAsync"/> has been enumerated to its end.</summary>
    public CorpusChanges Changes => _changes ?? throw new InvalidOperationException("The changes are known once every changed document has been read.");

    /// <summary>Reads the whole folder and returns the summary, without keeping the changed documents.</summary>
    public static async Task<CorpusChanges> DetectAsync(
        ICorpusLoader loader,
        IReadOnlyList<CorpusFile> files,
        IReadOnlyDictionary<string, string> stored,
        string chunkerSignature,
        CancellationToken cancellationToken = default)
    {
        var detector = new CorpusChangeDetector(loader, files, stored, chunkerSignature);
        await foreach (var _ in detector.ReadChangedAsync(cancellationToken).ConfigureAwait(false))
        {
        }

        return detector.Changes;
    }

    /// <summary>
    /// The new and changed documents in path order, each with the number of files read up to and
    /// including it (for progress against <see cref="FilesToRead"/>).
    /// </summary>
    public async IAsyncEnumerable<ChangedDocument> ReadChangedAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        var restamped = new Dictionary<string, string>(StringComparer.Ordinal);
        var skipped = new List<SkippedFile>();
        var notes = new List<FileNote>();
        int changed = 0, unchanged = 0, read = 0;

        Slice? slice = null;
        Task<Slice>? next = _toRead.Count > 0 ? ReadSliceAsync(0, cancellationToken) : null;
        try
        {
            for (var i = 0; i < _files.Count; i++)
            {
                var file = _files[i];
                if (file.Kind == CorpusFileKind.Other)
                {
                    continue;
                }

                List<SourceDocument>? documents = null;
                if (!_sameFile[i])
                {
                    if (slice is null || read == slice.End)
                    {
                        slice?.MoveUnclaimedFailuresTo(skipped);
                        slice = await next!.ConfigureAwait(false);
                        next = slice.End < _toRead.Count ? ReadSliceAsync(slice.End, cancellationToken) : null;
                    }

                    read++;
                    if (slice.Failures.Remove(file.Path, out var failures))
                    {
                        skipped.AddRange(failures);
                    }

                    if (slice.Notes.Remove(file.Path, out var note))
                    {
                        notes.Add(note);
                    }

                    if (!slice.Documents.Remove(file.Path, out documents))
                    {
                        continue;
                    }
                }

                if (documents is null)
                {
                    // Unchanged by its stamp: the one document of a file, as the catalog holds it.
                    if (owners.TryGetValue(file.Id, out var firstPath))
                    {
                        skipped.Add(CorpusLoader.DuplicateId(file.Path, file.Id, firstPath));
                        continue;
                    }

                    owners.Add(file.Id, file.Path);
                    unchanged++;
                    continue;
                }

                foreach (var document in documents)
                {
                    if (owners.TryGetValue(document.Id, out var firstPath))
                    {
                        skipped.Add(CorpusLoader.DuplicateId(file.Path, document.Id, firstPath));
                        continue;
                    }

                    owners.Add(document.Id, file.Path);
                    if (_stored.TryGetValue(document.Id, out var value) && CatalogHash.IsSameContent(value, document.ContentHash, _chunkerSignature))
                    {
                        unchanged++;
                        var current = CatalogHash.Format(document.ContentHash, _chunkerSignature, document.Stamp);
                        if (document.Stamp is not null && !string.Equals(value, current, StringComparison.Ordinal))
                        {
                            restamped[document.Id] = current;
                        }
                    }
                    else
                    {
                        changed++;
                        yield return new ChangedDocument(document, read);
                    }
                }
            }

            slice?.MoveUnclaimedFailuresTo(skipped);
        }
        finally
        {
            // Stopped early (cancelled, or the caller had seen enough): the read ahead must not go unobserved.
            if (next is not null)
            {
                _ = next.ContinueWith(static t => t.Exception, TaskScheduler.Default);
            }
        }

        var removed = _stored.Keys.Where(id => !owners.ContainsKey(id)).ToList();
        _changes = new CorpusChanges(changed, owners.Keys.ToHashSet(StringComparer.Ordinal), unchanged, restamped, removed, skipped, _toRead.Count)
        {
            Notes = notes,
            OtherFiles = _otherFiles,
        };
    }

    /// <summary>Reads the files of <see cref="_toRead"/> from <paramref name="start"/>, one slice, on the thread pool.</summary>
    private Task<Slice> ReadSliceAsync(int start, CancellationToken cancellationToken)
    {
        var end = Math.Min(_toRead.Count, start + ReadSlice);
        var files = _toRead.GetRange(start, end - start);
        return Task.Run(
            async () =>
            {
                var started = Stopwatch.GetTimestamp();
                var loaded = await _loader.LoadFilesAsync(files, cancellationToken).ConfigureAwait(false);
                var documents = new Dictionary<string, List<SourceDocument>>(files.Count, StringComparer.Ordinal);
                foreach (var document in loaded.Documents)
                {
                    if (!documents.TryGetValue(document.SourcePath, out var list))
                    {
                        documents[document.SourcePath] = list = new List<SourceDocument>(1);
                    }

                    list.Add(document);
                }

                var failures = new Dictionary<string, List<SkippedFile>>(StringComparer.Ordinal);
                foreach (var failure in loaded.Skipped)
                {
                    if (!failures.TryGetValue(failure.Path, out var list))
                    {
                        failures[failure.Path] = list = [];
                    }

                    list.Add(failure);
                }

                var notes = new Dictionary<string, FileNote>(StringComparer.Ordinal);
                foreach (var note in loaded.Notes)
                {
                    notes.TryAdd(note.Path, note);
                }

                Interlocked.Add(ref _readTicks, Stopwatch.GetTimestamp() - started);
                return new Slice(end, documents, failures, notes);
            },
            cancellationToken);
    }

    /// <summary>
    /// One slice of read files: where it ends in <see cref="_toRead"/>, and the documents, failures and
    /// notes by path (each claimed when its file comes up).
    /// </summary>
    private sealed record Slice(
        int End, Dictionary<string, List<SourceDocument>> Documents, Dictionary<string, List<SkippedFile>> Failures, Dictionary<string, FileNote> Notes)
    {
        /// <summary>Once the slice's files are done: failures for paths that were not in it (a loader should not report those); never lose one.</summary>
        public void MoveUnclaimedFailuresTo(List<SkippedFile> skipped)
        {
            skipped.AddRange(Failures.Values.SelectMany(f => f));
            Failures.Clear();
        }
    }
}
