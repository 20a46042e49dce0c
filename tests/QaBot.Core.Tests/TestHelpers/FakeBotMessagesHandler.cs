using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace QaBot.Core.Tests.TestHelpers;

/// <summary>
/// Plays a bot's <c>/api/messages</c> for <c>deliveryMode: expectReplies</c>: records each posted activity
/// and answers 200 with <c>{"activities":[...]}</c> — a typing activity, then a message whose Teams citation
/// entity (<c>https://schema.org/Message</c>) cites documents by <c>/documents/{id}</c> URLs.
/// </summary>
internal sealed class FakeBotMessagesHandler(Func<string, (string Text, string[] Documents)> reply) : HttpMessageHandler
{
    public List<(Uri Uri, JsonObject Activity)> Received { get; } = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var activity = JsonNode.Parse(await request.Content!.ReadAsStringAsync(cancellationToken))!.AsObject();
        Received.Add((request.RequestUri!, activity));

        var (text, documents) = reply((string)activity["text"]!);
        var claims = new JsonArray();
        for (var i = 0; i < documents.Length; i++)
        {
            claims.Add(new JsonObject
            {
                ["@type"] = "Claim",
                ["position"] = i + 1,
                ["appearance"] = new JsonObject
                {
                    ["@type"] = "DigitalDocument",
                    ["name"] = $"Title of {documents[i]}",
                    ["abstract"] = $"Snippet <b>of</b> {documents[i]}",
                    ["url"] = $"http://localhost:3978/documents/{Uri.EscapeDataString(documents[i])}?start=10&end=20#passage",
                },
            });
        }

        var message = new JsonObject
        {
            ["type"] = "message",
            ["text"] = text,
            ["replyToId"] = (string?)activity["id"],
            ["conversation"] = activity["conversation"]!.DeepClone(),
            ["entities"] = new JsonArray(new JsonObject
            {
                ["type"] = "https://schema.org/Message",
                ["@type"] = "Message",
                ["@context"] = "https://schema.org",
                ["@id"] = string.Empty,
                ["citation"] = claims,
            }),
        };
        var body = new JsonObject { ["activities"] = new JsonArray(new JsonObject { ["type"] = "typing" }, message) };
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
    }
}
