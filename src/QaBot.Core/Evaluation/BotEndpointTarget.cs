using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using QaBot.Core.Answering;

namespace QaBot.Core.Evaluation;

/// <summary>
/// Evaluates a running bot over HTTP: each turn is posted to <c>{endpoint}/api/messages</c> as a Bot
/// Framework <c>message</c> activity with <c>deliveryMode: "expectReplies"</c>, so the replies come back in
/// the response body; the context turns and the question share one conversation id. The answer is the
/// reply's text, the citations come from the Teams citation entity (<c>https://schema.org/Message</c> with
/// <c>citation</c> claims, <c>appearance.url</c> = <c>/documents/{documentId}…</c>). The bot does not say
/// what it retrieved, so recall@k and MRR are not measured; latency is the question's HTTP round trip.
/// </summary>
public sealed class BotEndpointTarget : IEvaluationTarget
{
    public const string ChannelId = "emulator";

    private readonly HttpClient _http;
    private readonly Uri _messagesUri;

    public BotEndpointTarget(HttpClient http, Uri endpoint)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(endpoint);
        if (!endpoint.IsAbsoluteUri)
        {
            throw new ArgumentException($"The endpoint '{endpoint}' must be an absolute URL.", nameof(endpoint));
        }

        _http = http;
        _messagesUri = MessagesUri(endpoint);
    }

    public string Name => $"endpoint {_messagesUri}";

    public bool ReportsRetrieval => false;

    /// <summary><c>http://host:3978</c> and <c>http://host:3978/api/messages</c> both mean the bot's messaging endpoint.</summary>
    public static Uri MessagesUri(Uri endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var text = endpoint.GetLeftPart(UriPartial.Path).TrimEnd('/');
        return new Uri(text.EndsWith("/api/messages", StringComparison.OrdinalIgnoreCase) ? text : text + "/api/messages");
    }

    public async Task<EvalCaseOutcome> RunCaseAsync(EvalCase evalCase, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(evalCase);

        var conversationId = $"qabot-eval-{evalCase.Id}-{Guid.NewGuid():N}";
        var contextAnswers = new List<string>();
        foreach (var message in evalCase.Context)
        {
            var earlier = await PostAsync(conversationId, message, cancellationToken).ConfigureAwait(false);
            contextAnswers.Add(ReadReply(message, earlier, 0).Answer);
        }

        var stopwatch = Stopwatch.StartNew();
        var replies = await PostAsync(conversationId, evalCase.Question, cancellationToken).ConfigureAwait(false);
        var elapsed = stopwatch.Elapsed;
        return new EvalCaseOutcome(ReadReply(evalCase.Question, replies, Math.Round(elapsed.TotalMilliseconds, 1)), contextAnswers);
    }

    /// <summary>The <c>message</c> activity a user's turn is sent as.</summary>
    public static JsonObject CreateActivity(string conversationId, string text) => new()
    {
        ["type"] = "message",
        ["id"] = Guid.NewGuid().ToString("N"),
        ["timestamp"] = DateTimeOffset.UtcNow.ToString("O"),
        ["channelId"] = ChannelId,
        ["serviceUrl"] = "http://localhost/qabot-eval",
        ["from"] = new JsonObject { ["id"] = "qabot-eval-user", ["name"] = "QaBot evaluator", ["role"] = "user" },
        ["recipient"] = new JsonObject { ["id"] = "qabot", ["name"] = "QaBot", ["role"] = "bot" },
        ["conversation"] = new JsonObject { ["id"] = conversationId },
        ["locale"] = "en-US",
        ["textFormat"] = "plain",
        ["text"] = text,
        ["deliveryMode"] = "expectReplies",
    };

    /// <summary>
    /// Reads the bot's replies (the <c>activities</c> of an expectReplies body) as an answer: the text of its
    /// message activities, the citations of their citation entities. A reply is a decline when the bot says
    /// so in <c>channelData.qabot.declined</c>, or else when it cites nothing.
    /// </summary>
    public static AnswerDto ReadReply(string question, JsonNode? body, double elapsedMs)
    {
        var messages = (body?["activities"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Where(a => string.Equals((string?)a["type"], "message", StringComparison.OrdinalIgnoreCase))
            .ToList();

        var text = string.Join("\n\n", messages
            .Select(a => (Text: Str(a["text"]), Format: Str(a["textFormat"])))
            .Where(m => !string.IsNullOrWhiteSpace(m.Text))
            .Select(m => string.Equals(m.Format, "plain", StringComparison.OrdinalIgnoreCase) ? m.Text! : MarkdownToPlainText(m.Text!)));

        var citations = new List<CitationDto>();
        foreach (var entity in messages.SelectMany(a => (a["entities"] as JsonArray ?? []).OfType<JsonObject>()))
        {
            if (!string.Equals((string?)Str(entity["type"]), "https://schema.org/Message", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            foreach (var claim in (entity["citation"] as JsonArray ?? []).OfType<JsonObject>())
            {
                var appearance = claim["appearance"] as JsonObject;
                var position = claim["position"] is JsonValue p && p.TryGetValue<int>(out var n) ? n : citations.Count + 1;
                citations.Add(new CitationDto(
                    position,
                    DocumentIdFromUrl(Str(appearance?["url"])) ?? string.Empty,
                    Str(appearance?["name"]) ?? string.Empty,
                    Str(appearance?["abstract"]) ?? string.Empty,
                    0,
                    null,
                    0,
                    0));
            }
        }

        var qabot = messages.Select(a => a["channelData"]?["qabot"] as JsonObject).LastOrDefault(o => o is not null);
        var declined = qabot?["declined"] is JsonValue d && d.TryGetValue<bool>(out var flag) ? flag : citations.Count == 0;
        var composer = Str(qabot?["composer"]) ?? "bot";
        var suggestions = messages
            .SelectMany(a => a["suggestedActions"]?["actions"] as JsonArray ?? [])
            .Select(action => Str(action?["value"]) ?? Str(action?["title"]))
            .OfType<string>()
            .ToList();
        return new AnswerDto(question, text, declined, citations, [], elapsedMs, composer, string.Empty, suggestions);
    }

    /// <summary>
    /// The text a user reads from a markdown reply: character references (<c>&amp;lt;</c>, <c>&amp;#40;</c>) decoded and
    /// backslash escapes of punctuation (<c>\*</c>, <c>\[</c>) removed, so expected phrases match as in-process.
    /// </summary>
    public static string MarkdownToPlainText(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var unescaped = new System.Text.StringBuilder(markdown.Length);
        for (var i = 0; i < markdown.Length; i++)
        {
            if (markdown[i] == '\\' && i + 1 < markdown.Length && IsAsciiPunctuation(markdown[i + 1]))
            {
                continue;
            }

            unescaped.Append(markdown[i]);
        }

        return System.Net.WebUtility.HtmlDecode(unescaped.ToString());
    }

    /// <summary>The document id in a citation URL: the path segment after <c>/documents/</c>; null when there is none.</summary>
    public static string? DocumentIdFromUrl(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return null;
        }

        const string marker = "/documents/";
        var start = url.IndexOf(marker, StringComparison.OrdinalIgnoreCase);
        if (start < 0)
        {
            return null;
        }

        start += marker.Length;
        var end = url.IndexOfAny(['/', '?', '#'], start);
        var id = end < 0 ? url[start..] : url[start..end];
        return id.Length == 0 ? null : Uri.UnescapeDataString(id);
    }

    private async Task<JsonNode?> PostAsync(string conversationId, string text, CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsJsonAsync(_messagesUri, CreateActivity(conversationId, text), cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException(
                $"POST {_messagesUri} answered {(int)response.StatusCode} {response.ReasonPhrase}: {Excerpt(body)}", null, response.StatusCode);
        }

        if (string.IsNullOrWhiteSpace(body))
        {
            throw new InvalidOperationException(
                $"POST {_messagesUri} answered {(int)response.StatusCode} with an empty body: the bot did not honour deliveryMode expectReplies.");
        }

        try
        {
            return JsonNode.Parse(body);
        }
        catch (JsonException ex)
        {
            throw new InvalidOperationException($"POST {_messagesUri} answered with a body that is not JSON: {Excerpt(body)}", ex);
        }
    }

    private static bool IsAsciiPunctuation(char c) => char.IsAscii(c) && (char.IsPunctuation(c) || char.IsSymbol(c));

    private static string? Str(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var s) ? s : null;

    private static string Excerpt(string body) => body.Length <= 300 ? body : body[..300] + "…";
}
