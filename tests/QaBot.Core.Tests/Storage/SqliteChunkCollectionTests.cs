using QaBot.Testing;

namespace QaBot.Core.Tests.Storage;

public sealed class SqliteChunkCollectionTests() : ChunkCollectionTests(new SqliteStorageEngine());
