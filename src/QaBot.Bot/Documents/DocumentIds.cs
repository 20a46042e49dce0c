using System.Text.RegularExpressions;

namespace QaBot.Bot.Documents;

/// <summary>What a document id in a URL may look like.</summary>
public static partial class DocumentIds
{
    public static bool IsValid(string? documentId) =>
        !string.IsNullOrEmpty(documentId) && documentId.Length <= 200 && Pattern().IsMatch(documentId);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]*$", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Pattern();
}
