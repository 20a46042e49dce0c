using System.IO.Enumeration;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using QaBot.Core.Configuration;

namespace QaBot.Core.Ingestion;

/// <summary>
/// Loads every article (by extension, recursively, in a stable order) from a corpus folder. Files that
/// are empty, binary, not valid UTF-8, too large or unreadable are skipped with a warning naming the
/// file; loading goes on with the rest. Listing (with each file's size and last-write time) and reading
/// are separate steps, so an indexer can read only the files whose stamp changed.
/// </summary>
public sealed partial class CorpusLoader(IOptions<CorpusOptions> options, ILogger<CorpusLoader> logger) : ICorpusLoader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// A file written less than this long before the listing may be written again without its time
    /// stamp changing (coarse file-system clocks), so its stamp is not trusted (as Git's "racy" files).
    /// </summary>
    internal static readonly TimeSpan TrustedStampAge = TimeSpan.FromSeconds(2);

    private static readonly EnumerationOptions AllFiles = new()
    {
        // What Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories) does.
        RecurseSubdirectories = true,
        IgnoreInaccessible = false,
        AttributesToSkip = 0,
        MatchType = MatchType.Win32,
    };

    public async Task<CorpusLoadResult> LoadAsync(string folder, CancellationToken cancellationToken = default)
    {
        var files = await ListAsync(folder, cancellationToken).ConfigureAwait(false);
        var loaded = await LoadFilesAsync(files, cancellationToken).ConfigureAwait(false);

        var documents = new List<SourceDocument>(loaded.Documents.Count);
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        var duplicates = new List<SkippedFile>();
        foreach (var document in loaded.Documents)
        {
            if (ids.TryGetValue(document.Id, out var firstPath))
            {
                duplicates.Add(DuplicateId(document.SourcePath, document.Id, firstPath));
                continue;
            }

            ids.Add(document.Id, document.SourcePath);
            documents.Add(document);
        }

        // In file order, as they were found.
        var order = files.Select((f, i) => (f.Path, i)).ToDictionary(p => p.Path, p => p.i, StringComparer.Ordinal);
        var skipped = loaded.Skipped.Concat(duplicates).OrderBy(s => order.GetValueOrDefault(s.Path, int.MaxValue)).ToList();
        foreach (var file in skipped)
        {
            LogSkipped(file.Path, file.Reason);
        }

        return new CorpusLoadResult(documents, skipped);
    }

    public Task<IReadOnlyList<CorpusFile>> ListAsync(string folder, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"The corpus folder '{folder}' does not exist (QaBot:Corpus:Path).");
        }

        var extensions = new HashSet<string>(options.Value.Extensions, StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();
        var trustedBefore = (DateTime.UtcNow - TrustedStampAge).Ticks;

        // Names first (reading the directories needs no stat per file), then the stamps: one stat per
        // file, spread over the cores, which halves the listing of a large folder on two cores.
        var paths = new FileSystemEnumerable<string>(folder, static (ref FileSystemEntry entry) => entry.ToSpecifiedFullPath(), AllFiles)
        {
            ShouldIncludePredicate = (ref FileSystemEntry entry) => !entry.IsDirectory && extensions.Contains(Path.GetExtension(entry.FileName)),
        }.ToList();
        paths.Sort(StringComparer.Ordinal);

        var maxBytes = options.Value.MaxFileBytes;
        var files = new CorpusFile[paths.Count];
        Parallel.For(0, paths.Count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
        {
            var path = paths[i];
            FileStamp? stamp = null;
            try
            {
                var info = new FileInfo(path);
                var (length, ticks) = (info.Length, info.LastWriteTimeUtc.Ticks);

                // An empty or too large file gets no stamp either: it is "read" (only its size is looked
                // at) and reported each time, even if it was indexed under a larger MaxFileBytes.
                var trusted = ticks < trustedBefore && length > 0 && length <= maxBytes;
                stamp = trusted ? new FileStamp(length, ticks) : null;
            }
            catch (IOException)
            {
                // Gone or unreadable since it was listed: without a stamp it is read, and reported if that fails.
            }
            catch (UnauthorizedAccessException)
            {
            }

            files[i] = new CorpusFile(Path.GetFileNameWithoutExtension(path), path, stamp);
        });

        return Task.FromResult<IReadOnlyList<CorpusFile>>(files);
    }

    public Task<CorpusLoadResult> LoadFilesAsync(IReadOnlyList<CorpusFile> files, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        var loaded = new SourceDocument?[files.Count];
        var failures = new SkippedFile?[files.Count];
        Parallel.For(0, files.Count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
        {
            try
            {
                loaded[i] = Load(files[i], options.Value.MaxFileBytes, out var reason);
                failures[i] = reason is null ? null : new SkippedFile(files[i].Path, reason);
            }
            catch (IOException ex)
            {
                failures[i] = new SkippedFile(files[i].Path, $"could not be read: {ex.Message}");
            }
            catch (UnauthorizedAccessException ex)
            {
                failures[i] = new SkippedFile(files[i].Path, $"could not be read: {ex.Message}");
            }
        });

        var documents = new List<SourceDocument>(files.Count);
        var skipped = new List<SkippedFile>();
        for (var i = 0; i < files.Count; i++)
        {
            if (failures[i] is { } failure)
            {
                skipped.Add(failure);
            }
            else if (loaded[i] is { } document)
            {
                documents.Add(document);
            }
        }

        return Task.FromResult(new CorpusLoadResult(documents, skipped));
    }

    internal static SkippedFile DuplicateId(string path, string id, string firstPath) =>
        new(path, $"has the same document id '{id}' as {firstPath}");

    /// <summary>Reads one file; returns null with a reason when it cannot be an article.</summary>
    internal static SourceDocument? Load(CorpusFile file, long maxBytes, out string? skipReason)
    {
        var path = file.Path;
        // One open and its fstat: the listing already paid for a stat by path.
        byte[] bytes;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan))
        {
            var length = stream.Length;
            if (length == 0)
            {
                skipReason = "is empty";
                return null;
            }

            if (length > maxBytes)
            {
                skipReason = $"is too large ({length / (1024.0 * 1024.0):0.#} MB; the limit QaBot:Corpus:MaxFileBytes is {maxBytes / (1024.0 * 1024.0):0.#} MB)";
                return null;
            }

            bytes = new byte[length];
            stream.ReadExactly(bytes);
        }

        if (LooksBinary(bytes))
        {
            skipReason = "looks binary (NUL or control bytes), not text";
            return null;
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException ex)
        {
            skipReason = $"is not valid UTF-8 (bad byte at offset {ex.Index})";
            return null;
        }

        text = text.TrimStart('\uFEFF').Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        if (string.IsNullOrWhiteSpace(text))
        {
            skipReason = "has no text (only white space)";
            return null;
        }

        var (title, date) = DocumentHeader.Parse(text);
        skipReason = null;
        return new SourceDocument(
            file.Id,
            title,
            date,
            text,
            Convert.ToHexStringLower(SHA256.HashData(bytes)),
            path,
            file.Stamp);
    }

    private static bool LooksBinary(byte[] bytes)
    {
        var sample = bytes.AsSpan(0, Math.Min(bytes.Length, 8192));
        if (sample.Contains((byte)0))
        {
            return true;
        }

        var control = 0;
        foreach (var b in sample)
        {
            if (b < 0x20 && b is not ((byte)'\n' or (byte)'\r' or (byte)'\t' or 0x0C))
            {
                control++;
            }
        }

        return control > sample.Length / 20;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped corpus file {Path}: it {Reason}")]
    private partial void LogSkipped(string path, string reason);
}
