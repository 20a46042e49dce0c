using System.Globalization;

namespace QaBot.Core.Storage;

/// <summary>
/// What every engine records in its index meta and checks on start: the embedding model and its
/// dimensions, and the schema signature (the chunk layout's version and the analyzer that filled the
/// keyword index). An index built with another signature is rebuilt, never mixed.
/// </summary>
internal static class IndexSchema
{
    /// <summary>
    /// 2: the keyword index holds the analyzer's terms (<see cref="Text.TermAnalyzer.Version"/> is
    /// recorded with it, so a new analyzer rebuilds the index too). 3: chunks and documents keep the
    /// article's own URL (<see cref="ChunkRecord.Url"/>).
    /// </summary>
    public const int Version = 3;

    /// <summary>The corpus the index was built from (<see cref="Configuration.CorpusIdentity.KeyOf"/>).</summary>
    public const string CorpusKey = "corpus";

    public const string ModelKey = "embedding_model";
    public const string DimensionsKey = "embedding_dimensions";
    public const string SchemaVersionKey = "schema_version";

    /// <summary>What the schema check compares: the table layout and the analyzer that filled the keyword index.</summary>
    public static string Signature => Version.ToString(CultureInfo.InvariantCulture) + "/" + Text.TermAnalyzer.Version;

    /// <summary>The meta rows a new index records for <paramref name="model"/>.</summary>
    public static IReadOnlyList<(string Key, string Value)> MetaFor(EmbeddingModelInfo model) =>
    [
        (ModelKey, model.ModelId),
        (DimensionsKey, model.Dimensions.ToString(CultureInfo.InvariantCulture)),
        (SchemaVersionKey, Signature),
    ];

    /// <summary>The model recorded in <paramref name="meta"/>, or null when there is none.</summary>
    public static EmbeddingModelInfo? ModelIn(IReadOnlyDictionary<string, string> meta) =>
        meta.TryGetValue(ModelKey, out var id)
        && meta.TryGetValue(DimensionsKey, out var dims)
        && int.TryParse(dims, NumberStyles.Integer, CultureInfo.InvariantCulture, out var dimensions)
            ? new EmbeddingModelInfo(id, dimensions)
            : null;

    /// <summary>
    /// Null when <paramref name="meta"/> (not empty) records <paramref name="model"/> and this schema;
    /// otherwise what it records, for the mismatch message.
    /// </summary>
    public static string? Mismatch(IReadOnlyDictionary<string, string> meta, EmbeddingModelInfo model)
    {
        var storedModel = meta.GetValueOrDefault(ModelKey);
        var storedDimensions = meta.GetValueOrDefault(DimensionsKey);
        var storedSchema = meta.GetValueOrDefault(SchemaVersionKey);
        return storedModel == model.ModelId
            && storedDimensions == model.Dimensions.ToString(CultureInfo.InvariantCulture)
            && storedSchema == Signature
                ? null
                : $"{storedModel ?? "an unknown model"} ({storedDimensions ?? "?"} dimensions, schema {storedSchema ?? "?"})";
    }

    public static IndexMismatchException MismatchError(string location, string stored, EmbeddingModelInfo model) => new(
        $"The index in '{location}' was built with {stored}, but the configured embedding model is {model} "
        + $"(schema {Signature}). Vectors from different models or keyword terms from another analyzer cannot be mixed: run `qabot index --rebuild` to re-index.");
}
