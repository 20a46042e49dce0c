namespace QaBot.Core.Storage;

/// <summary>
/// The database was built by a different embedding model or dimension than the one configured;
/// vectors must never be mixed, so the user is told to re-index (<c>qabot index --rebuild</c>).
/// </summary>
public sealed class IndexMismatchException(string message) : InvalidOperationException(message);
