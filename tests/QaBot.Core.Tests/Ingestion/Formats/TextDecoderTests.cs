using System.Text;
using QaBot.Core.Ingestion.Formats;

namespace QaBot.Core.Tests.Ingestion.Formats;

public sealed class TextDecoderTests
{
    private const string Sentence = "Café owners in São Paulo said “prices” rose by 5 € this week.\n";

    [Fact]
    public void Utf8WithAndWithoutAByteOrderMarkIsReadWithoutANote()
    {
        var plain = TextDecoder.Decode(Encoding.UTF8.GetBytes(Sentence), out var note, out var failure);
        var marked = TextDecoder.Decode([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(Sentence)], out var markedNote, out _);

        Assert.Equal((Sentence, Sentence), (plain, marked));
        Assert.Equal((null, null, null), (note, markedNote, failure));
    }

    [Theory]
    [InlineData("utf-16")]
    [InlineData("utf-16BE")]
    [InlineData("utf-32")]
    public void Utf16AndUtf32AreReadByTheirByteOrderMark(string encodingName)
    {
        var encoding = Encoding.GetEncoding(encodingName);
        byte[] bytes = [.. encoding.GetPreamble(), .. encoding.GetBytes(Sentence)];

        Assert.Equal(Sentence, TextDecoder.Decode(bytes, out _, out var failure));
        Assert.Null(failure);
    }

    [Fact]
    public void BytesThatAreNotUtf8AreReadAsWindows1252WithANote()
    {
        // 0x93/0x94 are Windows-1252's curly quotes, 0x80 its euro sign, 0xE9 é.
        byte[] bytes = [.. "Caf"u8, 0xE9, .. " said "u8, 0x93, .. "yes"u8, 0x94, .. " for 5 "u8, 0x80, .. "."u8];

        var text = TextDecoder.Decode(bytes, out var note, out var failure);

        Assert.Equal("Café said “yes” for 5 €.", text);
        Assert.Null(failure);
        Assert.Equal("is not valid UTF-8 (at byte 3), so it was read as Windows-1252", note);
    }

    /// <summary>Issue 12, row 11: binary bytes after the first 8 KB of a file were indexed and reached answers.</summary>
    [Theory]
    [InlineData(9_000)]
    [InlineData(200_000)]
    public void BinaryBytesAfterTheFirst8KbAreFoundWhereverTheyAre(int textBytes)
    {
        var text = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("The harbour handled containers all week.\n", (textBytes / 41) + 1)))[..textBytes];
        var binary = new byte[600];
        new Random(11).NextBytes(binary);

        Assert.Null(TextDecoder.Decode([.. text, .. binary], out _, out var failure));
        Assert.StartsWith("looks binary", failure, StringComparison.Ordinal);
        Assert.True(int.Parse(failure!.Split(' ')[^4], System.Globalization.CultureInfo.InvariantCulture) >= 8192, failure);
    }

    [Fact]
    public void ABlockOfControlBytesWithoutANulPastTheFirst8KbIsBinary()
    {
        var text = Encoding.UTF8.GetBytes(new string('a', 9_000));
        var controls = Enumerable.Range(0, 1_000).Select(i => (byte)(1 + (i % 8))).ToArray();

        Assert.Null(TextDecoder.Decode([.. text, .. controls], out _, out var failure));
        Assert.Equal("looks binary (NUL or control bytes from byte 8192 on), not text", failure);
    }

    [Fact]
    public void AFewEscapeSequencesInLongTextAreStillText()
    {
        var text = "Headline\n" + string.Concat(Enumerable.Repeat("Plain words of an article. ", 20)) + "\u001b]0;title\u0007 and \u001b[2J here.\n";

        Assert.Equal(text, TextDecoder.Decode(Encoding.UTF8.GetBytes(text), out _, out var failure));
        Assert.Null(failure);
    }

    [Fact]
    public void AUtf16FileHoldingBinaryIsBinaryToo()
    {
        var encoding = Encoding.Unicode;
        byte[] bytes = [.. encoding.GetPreamble(), .. encoding.GetBytes(new string('a', 9_000) + "\0\0\u0001\u0002")];

        Assert.Null(TextDecoder.Decode(bytes, out _, out var failure));
        Assert.StartsWith("looks binary (NUL or control characters from character 9000", failure, StringComparison.Ordinal);
    }
}
