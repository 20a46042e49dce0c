using QaBot.Testing;

namespace QaBot.Core.Tests.TestHelpers;

/// <summary>
/// Base of the tests that run on every storage engine: each test gets a fresh, empty index on
/// <paramref name="engine"/> (a subclass per engine passes its own).
/// </summary>
public abstract class EngineTests(StorageEngine engine) : IAsyncLifetime
{
    protected StorageEngine Engine { get; } = engine;

    public Task InitializeAsync() => Engine.StartAsync();

    public async Task DisposeAsync() => await Engine.DisposeAsync();
}
