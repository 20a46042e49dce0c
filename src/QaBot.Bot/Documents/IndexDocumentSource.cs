using QaBot.Core.Storage;

namespace QaBot.Bot.Documents;

/// <summary>Articles from the index's document catalog (the same text citation offsets point into).</summary>
public sealed class IndexDocumentSource(IIndexCatalog store) : IDocumentSource
{
    public async Task<DocumentView?> FindAsync(string documentId, CancellationToken cancellationToken = default)
    {
        if (!DocumentIds.IsValid(documentId))
        {
            return null;
        }

        var document = await store.GetDocumentAsync(documentId, cancellationToken).ConfigureAwait(false);
        return document is null ? null : new DocumentView(document.Id, document.Title, document.PublishedDate, document.Text, document.Url);
    }
}
