using System.Text;
using QaBot.Bot.Turns;

namespace QaBot.Bot.Tests.Turns;

public sealed class ChannelTextTests
{
    [Theory]
    [InlineData("short [1] text", 100, "short [1] text")]
    [InlineData("Hegseth met [12] Jaishankar", 16, "Hegseth met…")]
    [InlineData("Hegseth met [12] Jaishankar", 15, "Hegseth met…")]
    [InlineData("Hegseth met [12] Jaishankar", 19, "Hegseth met [12]…")]
    [InlineData("a [1] b [2] c", 9, "a [1]…")]
    [InlineData("a [1] b [2] c", 11, "a [1] b…")]
    [InlineData("Tom &amp; Jerry", 9, "Tom…")]
    [InlineData("😀😀😀😀", 10, "😀…")]
    [InlineData("anything", 2, "")]
    public void TruncationNeverCutsAMarkerAnEntityOrASurrogatePair(string text, int maxBytes, string expected)
    {
        var result = ChannelText.TruncateKeepingMarkers(text, maxBytes);

        Assert.Equal(expected, result);
        Assert.True(Encoding.UTF8.GetByteCount(result) <= maxBytes);
    }

    [Theory]
    [InlineData("<script>alert(1)</script> [1]", "&lt;script&gt;alert(1)&lt;/script&gt; [1]")]
    [InlineData("Click [here](https://evil.example) [2]", "Click [here]&#40;https://evil.example) [2]")]
    [InlineData("A & B\r\n[3]", "A &amp; B\n[3]")]
    [InlineData("bell\u0007 null\u0000", "bell null")]
    public void AnswerTextIsEscapedButKeepsItsMarkers(string text, string expected) =>
        Assert.Equal(expected, ChannelText.EscapeMarkdownText(text));

    [Theory]
    [InlineData("<script>x</script>", "\\<script\\>x\\</script\\>")]
    [InlineData("**bold** [link](http://x)", "\\*\\*bold\\*\\* \\[link\\]\\(http://x\\)")]
    [InlineData("line\nbreak", "line break")]
    public void CardSnippetsCannotFormatOrLink(string text, string expected) =>
        Assert.Equal(expected, ChannelText.EscapeCardMarkdown(text));

    [Theory]
    [InlineData("<at>QaBot</at> Who did Jaishankar meet?", "Who did Jaishankar meet?")]
    [InlineData("  Who\u0000 did\t\tthey\r\nmeet? ", "Who did they meet?")]
    [InlineData(null, "")]
    [InlineData("\u0001\u0002", "")]
    public void IncomingQuestionsAreCleaned(string? text, string expected) =>
        Assert.Equal(expected, ChannelText.CleanIncoming(text));

    [Fact]
    public void MarkersAreFound() =>
        Assert.Equal([1, 2, 10], ChannelText.MarkersIn("a [1] b [2][10] c [x] [1234]").Order());
}
