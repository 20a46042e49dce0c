using QaBot.Testing;

namespace QaBot.Core.Tests.Storage;

public sealed class PostgresChunkCollectionTests() : ChunkCollectionTests(new PostgresStorageEngine());
