namespace QaBot.Core.Indexing;

/// <summary>Why an index run was refused (<see cref="IndexRefusedException"/>).</summary>
public enum IndexRefusal
{
    /// <summary>The corpus folder holds no readable article, but documents from it are indexed.</summary>
    CorpusEmpty,

    /// <summary>The database holds the index of another corpus folder.</summary>
    OtherCorpus,
}
