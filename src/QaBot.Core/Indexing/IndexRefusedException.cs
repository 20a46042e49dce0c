namespace QaBot.Core.Indexing;

/// <summary>
/// An index run stopped before it changed anything, because going on would delete indexed documents
/// that the user most likely still wants: the corpus folder holds no article any more, or the database
/// holds the index of another corpus. <c>qabot index --rebuild</c> says to go on.
/// </summary>
public sealed class IndexRefusedException(string message, IndexRefusal reason) : InvalidOperationException(message)
{
    public IndexRefusal Reason { get; } = reason;
}
