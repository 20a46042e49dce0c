using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.VectorData;
using QaBot.Core.Configuration;
using QaBot.Core.Conversations;
using QaBot.Core.Indexing;
using QaBot.Core.Ingestion;
using QaBot.Core.Storage;

namespace QaBot.Testing;

/// <summary>
/// One storage engine for the shared storage, indexing, retrieval and conversation tests: a fresh, empty
/// index (a SQLite file in a temp QaBot root, or a schema of its own on the shared PGlite server) and the
/// port's parts over it. An abstract test class takes one; a subclass per engine runs the same tests on each.
/// </summary>
public abstract class StorageEngine : IAsyncDisposable
{
    private readonly TempFolder _folder = new();

    protected StorageEngine()
    {
        Root = new QaBotRoot(_folder.Path);
    }

    public abstract string Name { get; }

    /// <summary>The QaBot root (a temp folder): the corpus lives here, and the SQLite files.</summary>
    public QaBotRoot Root { get; }

    public string RootPath => _folder.Path;

    public IOptions<StorageOptions> Options { get; protected set; } = Microsoft.Extensions.Options.Options.Create(new StorageOptions());

    public string CollectionName => Options.Value.CollectionName;

    /// <summary>The <c>QaBot:Storage:*</c> settings that point a service container at this index.</summary>
    public abstract IReadOnlyDictionary<string, string?> Settings { get; }

    /// <summary>Starts what the engine needs (the shared PGlite server) and makes the empty index.</summary>
    public abstract Task StartAsync();

    public abstract IIndexCatalog CreateCatalog();

    /// <summary>The chunk collection (also the engine's <see cref="IHybridCandidateSource"/>).</summary>
    public abstract VectorStoreCollection<string, ChunkRecord> CreateCollection(int dimensions);

    public abstract IConversationStore CreateConversationStore(ConversationOptions options);

    /// <summary>Chunks, stored vectors and keyword-index entries: three tables on SQLite, three columns of one table on PostgreSQL.</summary>
    public abstract Task<(long Data, long Vectors, long Keywords)> CountRowsAsync();

    /// <summary>Throws when the keyword index or the vectors disagree with the chunks, or a chunk has no document.</summary>
    public abstract Task AssertConsistentAsync();

    /// <summary>The real indexer over this index, reading <paramref name="corpusPath"/> through <paramref name="loader"/>.</summary>
    public CorpusIndexer CreateIndexer(
        ICorpusLoader loader,
        ITextChunker chunker,
        IEmbeddingGenerator<string, Embedding<float>> generator,
        int batchSize = 8,
        IIndexCatalog? catalog = null,
        string corpusPath = "corpus") => new(
            loader,
            chunker,
            generator,
            catalog ?? CreateCatalog(),
            Microsoft.Extensions.Options.Options.Create(new CorpusOptions { Path = corpusPath }),
            Microsoft.Extensions.Options.Options.Create(new EmbeddingOptions { BatchSize = batchSize }),
            Root,
            NullLogger<CorpusIndexer>.Instance);

    public virtual ValueTask DisposeAsync()
    {
        _folder.Dispose();
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    public override string ToString() => Name;
}
