using QaBot.Bot.Documents;

namespace QaBot.Bot.Tests.Documents;

/// <summary>Issue 12, row 10: the document page shows no escape or control character, and still marks exactly the cited passage.</summary>
public sealed class DocumentPageDisplayTests
{
    [Fact]
    public void ControlCharactersAreRemovedAfterTheCitedRangeIsCut()
    {
        const string text = "Intro \u001b[2Jline.\nCited \u001b]0;x\u0007passage here. Tail\u0007 end.";
        var start = text.IndexOf("Cited", StringComparison.Ordinal);
        var end = text.IndexOf(" Tail", StringComparison.Ordinal);
        var page = DocumentPageRenderer.Render(new DocumentView("doc-1", "Title\u001b[31m red\u001b[0m", null, text), start, end);

        Assert.Contains("<mark id=\"cited\">Cited passage here.</mark>", page, StringComparison.Ordinal);
        Assert.Contains("<h1>Title red</h1>", page, StringComparison.Ordinal);
        Assert.Contains("Intro line.", page, StringComparison.Ordinal);
        Assert.DoesNotContain(page, c => c == '\u001b' || c == '\u0007');
    }
}
