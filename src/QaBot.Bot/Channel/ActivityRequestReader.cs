using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;

namespace QaBot.Bot.Channel;

/// <summary>
/// Reads an activity from a request body: JSON content type (415), at most the configured size (413),
/// valid JSON in the activity's shape (400). Failures come back as ProblemDetails results.
/// </summary>
public static class ActivityRequestReader
{
    public static async Task<(Activity? Activity, IResult? Problem)> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!IsJson(request.ContentType))
        {
            return (null, BotProblems.Create(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", "Activities must be sent as application/json."));
        }

        if (request.ContentLength > maxBytes)
        {
            return (null, TooLarge(maxBytes));
        }

        var sizeFeature = request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeFeature is { IsReadOnly: false })
        {
            sizeFeature.MaxRequestBodySize = maxBytes + 1L;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(maxBytes + 1, 64 * 1024));
        using var body = new MemoryStream();
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                body.Write(buffer, 0, read);
                if (body.Length > maxBytes)
                {
                    return (null, TooLarge(maxBytes));
                }
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TooLarge(maxBytes));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        if (body.Length == 0)
        {
            return (null, BotProblems.Create(StatusCodes.Status400BadRequest, "Empty body", "The request has no activity."));
        }

        try
        {
            var activity = JsonSerializer.Deserialize<Activity>(body.GetBuffer().AsSpan(0, (int)body.Length), BotJson.Options);
            return activity is null
                ? (null, BotProblems.Create(StatusCodes.Status400BadRequest, "Invalid activity", "The body is JSON null, not an activity."))
                : (activity, null);
        }
        catch (JsonException ex)
        {
            var where = ex.Path is null ? string.Empty : $" (check '{ex.Path}')";
            return (null, BotProblems.Create(StatusCodes.Status400BadRequest, "Invalid activity", $"The body is not a valid activity{where}."));
        }
    }

    private static IResult TooLarge(int maxBytes) =>
        BotProblems.Create(StatusCodes.Status413PayloadTooLarge, "Activity too large", $"Activities are limited to {maxBytes} bytes.");

    private static bool IsJson(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType) || !Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var mediaType))
        {
            return false;
        }

        var type = mediaType.MediaType.Value;
        return string.Equals(type, "application/json", StringComparison.OrdinalIgnoreCase)
            || (type is not null && type.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && type.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
    }
}
