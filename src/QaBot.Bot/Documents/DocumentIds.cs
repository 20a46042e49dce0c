namespace QaBot.Bot.Documents;

/// <summary>
/// What a document id in a URL may look like: any id the corpus loader can give
/// (<see cref="Core.Ingestion.DocumentIds"/>: letters of any script, digits, spaces, punctuation; no
/// control or format characters, no slashes), at most <see cref="Core.Ingestion.DocumentIds.MaxLength"/> characters.
/// ASP.NET Core decodes a route value except an escaped slash (<c>%2F</c>), which therefore counts as a slash.
/// </summary>
public static class DocumentIds
{
    public static bool IsValid(string? documentId) =>
        Core.Ingestion.DocumentIds.IsWellFormed(documentId) && !documentId.Contains("%2F", StringComparison.OrdinalIgnoreCase);
}
