using System.Globalization;
using System.IO.Enumeration;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using QaBot.Core.Configuration;
using QaBot.Core.Ingestion.Formats;
using QaBot.Core.Text;

namespace QaBot.Core.Ingestion;

/// <summary>
/// Loads every article (by extension, recursively, in a stable order) from a corpus folder: plain text,
/// Markdown, HTML, PDF and article dumps (JSON Lines, CSV; one article per record), each read by its
/// <see cref="DocumentFormats">format's reader</see>, in any common encoding (<see cref="TextDecoder"/>),
/// and cleaned by <see cref="TextNormalizer.Normalize"/>. Files that are empty, binary, too large,
/// unreadable or not of their format are skipped with a warning naming the file, records without text
/// are named by line, and loading goes on with the rest; files of other types are listed as such, and
/// hidden files and folders (names starting with '.') are not corpus files. Listing (with each file's
/// size and last-write time) and reading are separate steps, so an indexer can read only the files
/// whose stamp changed.
/// </summary>
public sealed partial class CorpusLoader(IOptions<CorpusOptions> options, ILogger<CorpusLoader> logger) : ICorpusLoader
{
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

    public string Signature => DocumentFormats.Signature;

    public async Task<CorpusLoadResult> LoadAsync(string folder, CancellationToken cancellationToken = default)
    {
        var files = await ListAsync(folder, cancellationToken).ConfigureAwait(false);
        var loaded = await LoadFilesAsync(files.Where(f => f.Kind != CorpusFileKind.Other).ToList(), cancellationToken).ConfigureAwait(false);

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

        return new CorpusLoadResult(documents, skipped)
        {
            Notes = loaded.Notes,
            OtherFiles = files.Where(f => f.Kind == CorpusFileKind.Other).Select(f => f.Path).ToList(),
        };
    }

    public Task<IReadOnlyList<CorpusFile>> ListAsync(string folder, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"The corpus folder '{folder}' does not exist (QaBot:Corpus:Path, or --corpus).");
        }

        var extensions = new HashSet<string>(options.Value.Extensions, StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();
        var trustedBefore = (DateTime.UtcNow - TrustedStampAge).Ticks;

        // Names first (reading the directories needs no stat per file), then the stamps: one stat per
        // file, spread over the cores, which halves the listing of a large folder on two cores.
        var paths = new FileSystemEnumerable<string>(folder, static (ref FileSystemEntry entry) => entry.ToSpecifiedFullPath(), AllFiles)
        {
            ShouldIncludePredicate = static (ref FileSystemEntry entry) => !entry.IsDirectory && !entry.FileName.StartsWith('.'),
            ShouldRecursePredicate = static (ref FileSystemEntry entry) => !entry.FileName.StartsWith('.'),
        }.ToList();
        paths.Sort(StringComparer.Ordinal);

        var maxBytes = options.Value.MaxFileBytes;
        var files = new CorpusFile[paths.Count];
        Parallel.For(0, paths.Count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
        {
            var path = paths[i];
            var extension = Path.GetExtension(path.AsSpan());
            var kind = !extensions.Contains(extension) ? CorpusFileKind.Other : DocumentFormats.KindOf(extension.ToString());
            FileStamp? stamp = null;
            if (kind == CorpusFileKind.Document)
            {
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
            }

            files[i] = new CorpusFile(DocumentIds.FromFileName(path), path, stamp, kind);
        });

        return Task.FromResult<IReadOnlyList<CorpusFile>>(files);
    }

    public Task<CorpusLoadResult> LoadFilesAsync(IReadOnlyList<CorpusFile> files, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        var loaded = new LoadedFile?[files.Count];
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
        var notes = new List<FileNote>();
        for (var i = 0; i < files.Count; i++)
        {
            if (failures[i] is { } failure)
            {
                skipped.Add(failure);
            }
            else if (loaded[i] is { } file)
            {
                documents.AddRange(file.Documents);
                skipped.AddRange(file.Problems.Select(p => new SkippedFile(files[i].Path, p)));
                if (file.Note is { } note)
                {
                    notes.Add(new FileNote(files[i].Path, note));
                }
            }
        }

        return Task.FromResult(new CorpusLoadResult(documents, skipped) { Notes = notes });
    }

    internal static SkippedFile DuplicateId(string path, string id, string firstPath) =>
        new(path, $"has the same document id '{id}' as {firstPath}");

    /// <summary>Reads one file; returns null with a reason when it cannot hold articles.</summary>
    internal static LoadedFile? Load(CorpusFile file, long maxBytes, out string? skipReason)
    {
        var path = file.Path;
        if (file.Kind == CorpusFileKind.Other)
        {
            skipReason = $"is a {Path.GetExtension(path)} file, a type QaBot does not read (QaBot:Corpus:Extensions)";
            return null;
        }

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

        FileContent content;
        try
        {
            content = DocumentFormats.Read(Path.GetExtension(path), bytes);
        }
        catch (InvalidDataException ex)
        {
            skipReason = ex.Message;
            return null;
        }

        var documents = new List<SourceDocument>(content.Articles.Count);
        var problems = content.Problems;
        var archive = file.Kind == CorpusFileKind.Archive;
        foreach (var article in content.Articles)
        {
            var text = TextNormalizer.Normalize(article.Text);
            if (string.IsNullOrWhiteSpace(text))
            {
                problems.Add(archive
                    ? string.Create(CultureInfo.InvariantCulture, $"has a record on line {article.Line} with no text (only white space)")
                    : "has no text (only white space)");
                continue;
            }

            // A title from metadata heads the text, as a plain-text article's headline does, so keyword
            // search finds it and the document page shows it where a reader looks first.
            var givenTitle = DocumentHeader.CleanTitle(article.Title);
            if (givenTitle is not null && !text.TrimStart().StartsWith(givenTitle, StringComparison.Ordinal))
            {
                text = $"{givenTitle}\n\n{text}";
            }

            var (foundTitle, foundDate) = DocumentHeader.Parse(text);
            var title = givenTitle ?? foundTitle;
            var date = article.PublishedDate ?? foundDate;
            if (!archive)
            {
                documents.Add(new SourceDocument(file.Id, title, date, text, Convert.ToHexStringLower(SHA256.HashData(bytes)), path, file.Stamp, article.Url));
                continue;
            }

            var id = DocumentIds.FromValue(article.Id) ?? string.Create(CultureInfo.InvariantCulture, $"{file.Id}-{article.Line}");
            documents.Add(new SourceDocument(id, title, date, text, RecordHash(id, title, date, article.Url, text), path, Stamp: null, article.Url));
        }

        if (documents.Count == 0 && !archive)
        {
            skipReason = problems.Count > 0 ? problems[0] : "has no text";
            return null;
        }

        skipReason = null;
        return new LoadedFile(documents, problems, content.Note);
    }

    /// <summary>A record's content hash: what the catalog compares, over the fields that are indexed.</summary>
    private static string RecordHash(string id, string title, DateOnly? date, string? url, string text)
    {
        var fields = string.Join('\0', id, title, date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty, url ?? string.Empty, text);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(fields)));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped corpus file {Path}: it {Reason}")]
    private partial void LogSkipped(string path, string reason);

    /// <summary>The articles of one file, the records it had to leave out, and a note.</summary>
    internal sealed record LoadedFile(IReadOnlyList<SourceDocument> Documents, IReadOnlyList<string> Problems, string? Note);
}
