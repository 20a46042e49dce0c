using QaBot.Bot.Documents;

namespace QaBot.Bot.Tests.TestHelpers;

/// <summary>Documents held in memory, including a hostile one with markup in it.</summary>
public sealed class FakeDocumentSource : IDocumentSource
{
    public const string HostileId = "evil_doc";
    public const string HostileText = "Intro. <script>window.pwned = true;</script><img src=x onerror=\"window.pwned=true\"> The cited part & more. Outro.";

    private readonly Dictionary<string, DocumentView> _documents = new(StringComparer.Ordinal)
    {
        ["000_0ae4d377a3db1007"] = new("000_0ae4d377a3db1007", "Jaishankar discusses bilateral partnership", new DateOnly(2025, 7, 2),
            "Jaishankar discusses bilateral partnership.\n\nJaishankar also met US Secretary of Defence Pete Hegseth at the Pentagon."),
        [HostileId] = new(HostileId, "<b>Bold</b> title", null, HostileText),
        ["rt name with spaces"] = new("rt name with spaces", "A file name with spaces", null, "Its id has spaces."),
        ["rt_quillab\u00e9e"] = new("rt_quillab\u00e9e", "A file name with an accent", null, "Its id has an accent."),
    };

    public Task<DocumentView?> FindAsync(string documentId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_documents.GetValueOrDefault(documentId));
}
