using System.ComponentModel.DataAnnotations;

namespace QaBot.Core.Configuration;

/// <summary>Sentence-aware chunking: chunks hold whole sentences up to <see cref="MaxChars"/>.</summary>
public sealed class ChunkingOptions
{
    public const string SectionName = "QaBot:Chunking";

    /// <summary>Target maximum chunk size in characters (a single longer sentence becomes its own chunk).</summary>
    [Range(100, 20_000)]
    public int MaxChars { get; set; } = 700;

    /// <summary>Characters of trailing whole sentences repeated at the start of the next chunk.</summary>
    [Range(0, 10_000)]
    public int OverlapChars { get; set; } = 150;
}
