using System.ComponentModel.DataAnnotations;

namespace QaBot.Core.Configuration;

/// <summary>The SQLite file that holds documents, chunks, vectors (vec0) and the keyword index (FTS5).</summary>
public sealed class StorageOptions
{
    public const string SectionName = "QaBot:Storage";

    /// <summary>
    /// Database file; relative paths are resolved against the QaBot root. Empty (the default): one file per
    /// corpus, <c>data/corpora/…</c>, chosen by <see cref="CorpusIdentity"/>.
    /// </summary>
    public string DatabasePath { get; set; } = string.Empty;

    /// <summary>Name of the chunk collection (tables are prefixed with it).</summary>
    [Required, RegularExpression("^[A-Za-z_][A-Za-z0-9_]*$")]
    public string CollectionName { get; set; } = "chunks";

    /// <summary>Path of sqlite-vec's loadable extension; empty means "native/vec0.so" beside the app.</summary>
    public string? VecExtensionPath { get; set; }
}
