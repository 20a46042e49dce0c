namespace QaBot.Core.Ingestion;

/// <summary>What a listed corpus file holds, by its extension.</summary>
public enum CorpusFileKind
{
    /// <summary>One article (plain text, Markdown, HTML, PDF).</summary>
    Document,

    /// <summary>An article dump with one article per record (JSON Lines, CSV); read on every run.</summary>
    Archive,

    /// <summary>A type QaBot does not read (not in <c>QaBot:Corpus:Extensions</c>): counted and named, never read.</summary>
    Other,
}
