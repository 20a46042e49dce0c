namespace QaBot.Core.Ingestion.Formats;

/// <summary>Keeps an article's address only when it is an absolute http(s) URL: it is shown as a link.</summary>
internal static class ArticleUrls
{
    public static string? Clean(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            && string.IsNullOrEmpty(uri.UserInfo)
                ? uri.AbsoluteUri
                : null;
    }
}
