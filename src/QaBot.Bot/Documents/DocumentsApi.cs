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

    private static async Task<IResult> GetDocumentAsync(string documentId, int? start, int? end, string? hl, IDocumentSource documents, HttpContext http, CancellationToken cancellationToken)
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
        return TypedResults.Content(DocumentPageRenderer.Render(document, hl is null ? LegacyRange(start, end) : DocumentLinks.ParseRanges(hl)), "text/html; charset=utf-8");
    }

    /// <summary>The single range of an older <c>?start=&amp;end=</c> link.</summary>
    private static IReadOnlyList<(int Start, int End)> LegacyRange(int? start, int? end) =>
        start is { } s && end is { } e && s >= 0 && e > s ? [(s, e)] : [];
}
