namespace QaBot.Bot.Documents;

/// <summary>Finds an article by the document id citations carry.</summary>
public interface IDocumentSource
{
    Task<DocumentView?> FindAsync(string documentId, CancellationToken cancellationToken = default);
}
