using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using QaBot.Core.Configuration;

namespace QaBot.Core.Ingestion;

/// <summary>
/// Loads every article (by extension, recursively, in a stable order) from a corpus folder. Files that
/// are empty, binary, not valid UTF-8, too large or unreadable are skipped with a warning naming the
/// file; loading goes on with the rest.
/// </summary>
public sealed partial class CorpusLoader(IOptions<CorpusOptions> options, ILogger<CorpusLoader> logger) : ICorpusLoader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public Task<CorpusLoadResult> LoadAsync(string folder, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"The corpus folder '{folder}' does not exist (QaBot:Corpus:Path).");
        }

        var extensions = new HashSet<string>(options.Value.Extensions, StringComparer.OrdinalIgnoreCase);
        var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => extensions.Contains(Path.GetExtension(f)))
            .Order(StringComparer.Ordinal)
            .ToList();

        var loaded = new SourceDocument?[files.Count];
        var failures = new SkippedFile?[files.Count];
        Parallel.For(0, files.Count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
        {
            try
            {
                loaded[i] = Load(files[i], options.Value.MaxFileBytes, out var reason);
                failures[i] = reason is null ? null : new SkippedFile(files[i], reason);
            }
            catch (IOException ex)
            {
                failures[i] = new SkippedFile(files[i], $"could not be read: {ex.Message}");
            }
            catch (UnauthorizedAccessException ex)
            {
                failures[i] = new SkippedFile(files[i], $"could not be read: {ex.Message}");
            }
        });

        var documents = new List<SourceDocument>(files.Count);
        var skipped = new List<SkippedFile>();
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < files.Count; i++)
        {
            if (failures[i] is { } failure)
            {
                skipped.Add(failure);
            }
            else if (loaded[i] is { } document)
            {
                if (ids.TryGetValue(document.Id, out var firstPath))
                {
                    skipped.Add(new SkippedFile(files[i], $"has the same document id '{document.Id}' as {firstPath}"));
                    continue;
                }

                ids.Add(document.Id, files[i]);
                documents.Add(document);
            }
        }

        foreach (var file in skipped)
        {
            LogSkipped(file.Path, file.Reason);
        }

        return Task.FromResult(new CorpusLoadResult(documents, skipped));
    }

    /// <summary>Reads one file; returns null with a reason when it cannot be an article.</summary>
    internal static SourceDocument? Load(string path, long maxBytes, out string? skipReason)
    {
        var info = new FileInfo(path);
        if (info.Length == 0)
        {
            skipReason = "is empty";
            return null;
        }

        if (info.Length > maxBytes)
        {
            skipReason = $"is too large ({info.Length / (1024.0 * 1024.0):0.#} MB; the limit QaBot:Corpus:MaxFileBytes is {maxBytes / (1024.0 * 1024.0):0.#} MB)";
            return null;
        }

        var bytes = File.ReadAllBytes(path);
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
            Path.GetFileNameWithoutExtension(path),
            title,
            date,
            text,
            Convert.ToHexStringLower(SHA256.HashData(bytes)),
            path);
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
