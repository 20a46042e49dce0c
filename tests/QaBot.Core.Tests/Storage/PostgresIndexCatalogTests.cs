using QaBot.Testing;

namespace QaBot.Core.Tests.Storage;

public sealed class PostgresIndexCatalogTests() : IndexCatalogTests(new PostgresStorageEngine());
