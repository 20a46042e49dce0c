using QaBot.Bot.Channel;

namespace QaBot.Bot.Documents;

/// <summary><c>GET /documents/{documentId}</c>: the article page a citation links to.</summary>
public static class DocumentsApi
{
    public static IEndpointRouteBuilder MapDocumentsApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet(DocumentLinks.RoutePrefix + "/{documentId}", GetDocumentAsync);
        return endpoints;
    }

    private static async Task<IResult> GetDocumentAsync(string documentId, int? start, int? end, IDocumentSource documents, HttpContext http, CancellationToken cancellationToken)
    {
        if (!DocumentIds.IsValid(documentId))
        {
            return BotProblems.Create(StatusCodes.Status400BadRequest, "Invalid document id", "A document id has at most 255 characters and no slash, control or format character.");
        }

        var document = await documents.FindAsync(documentId, cancellationToken).ConfigureAwait(false);
        if (document is null)
        {
            return BotProblems.Create(StatusCodes.Status404NotFound, "Document not found", $"There is no document '{documentId}'.");
        }

        // The page shows untrusted text: no scripts at all, inline styles only.
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.Content(DocumentPageRenderer.Render(document, start, end), "text/html; charset=utf-8");
    }
}
