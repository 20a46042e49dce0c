using System.Buffers;
using System.Globalization;
using System.Text;

namespace QaBot.Core.Ingestion.Formats;

/// <summary>
/// Turns a text file's bytes into a string: UTF-8 with or without a byte order mark, UTF-16 and UTF-32
/// by their byte order marks, and otherwise — when the bytes are not valid UTF-8 — Windows-1252 (what
/// most older news archives hold), with a note saying so. Binary content is refused, wherever in the
/// file it is: a NUL byte anywhere, or any 8 KB block of which more than one byte in twenty is a
/// control character other than tab, line feed, form feed and carriage return.
/// </summary>
internal static class TextDecoder
{
    /// <summary>The size of the blocks looked at for control characters.</summary>
    internal const int BlockSize = 8192;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>C0 control bytes except tab, line feed, form feed and carriage return (NUL included).</summary>
    private static readonly SearchValues<byte> ControlBytes = SearchValues.Create(
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 11, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31]);

    private static readonly SearchValues<char> ControlChars = SearchValues.Create(
        "\0\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000B\u000E\u000F\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F");

    private static readonly Encoding Windows1252 = CreateWindows1252();

    /// <summary>
    /// Decodes <paramref name="bytes"/>; on success <paramref name="note"/> (to follow "it") says when the
    /// bytes were not plain UTF-8 nor marked UTF-16/32. Returns null with <paramref name="failure"/> (to follow "it") for binary content.
    /// </summary>
    public static string? Decode(ReadOnlySpan<byte> bytes, out string? note, out string? failure)
    {
        note = null;
        failure = null;
        string text;
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            text = DecodeUtf8WithBom(bytes[3..], out note);
        }
        else if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0x00, 0x00]))
        {
            text = new UTF32Encoding(bigEndian: false, byteOrderMark: false).GetString(bytes[4..]);
        }
        else if (bytes.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF]))
        {
            text = new UTF32Encoding(bigEndian: true, byteOrderMark: false).GetString(bytes[4..]);
        }
        else if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            text = Encoding.Unicode.GetString(bytes[2..]);
        }
        else if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            text = Encoding.BigEndianUnicode.GetString(bytes[2..]);
        }
        else
        {
            if (FindBinary(bytes) is { } offset)
            {
                failure = BinaryReason(offset, "bytes from byte");
                return null;
            }

            try
            {
                return StrictUtf8.GetString(bytes);
            }
            catch (DecoderFallbackException ex)
            {
                note = string.Create(CultureInfo.InvariantCulture, $"is not valid UTF-8 (at byte {ex.Index}), so it was read as Windows-1252");
                return Windows1252.GetString(bytes);
            }
        }

        // A byte order mark said which encoding; what it decodes to must still be text.
        if (FindBinary(text) is { } at)
        {
            note = null;
            failure = BinaryReason(at, "characters from character");
            return null;
        }

        return text;
    }

    /// <summary>Where binary content starts (the offset of the block, or of the NUL byte), or null for text.</summary>
    internal static int? FindBinary(ReadOnlySpan<byte> bytes)
    {
        var first = bytes.IndexOfAny(ControlBytes);
        if (first < 0)
        {
            return null;
        }

        var nul = bytes[first..].IndexOf((byte)0);
        if (nul >= 0)
        {
            return first + nul;
        }

        for (var start = first / BlockSize * BlockSize; start < bytes.Length; start += BlockSize)
        {
            var block = bytes.Slice(start, Math.Min(BlockSize, bytes.Length - start));
            var controls = 0;
            for (var i = block.IndexOfAny(ControlBytes); i >= 0; i = NextIndex(block, i, ControlBytes))
            {
                controls++;
            }

            if (controls > block.Length / 20)
            {
                return start;
            }
        }

        return null;
    }

    private static int? FindBinary(ReadOnlySpan<char> text)
    {
        var first = text.IndexOfAny(ControlChars);
        if (first < 0)
        {
            return null;
        }

        var nul = text[first..].IndexOf('\0');
        if (nul >= 0)
        {
            return first + nul;
        }

        for (var start = first / BlockSize * BlockSize; start < text.Length; start += BlockSize)
        {
            var block = text.Slice(start, Math.Min(BlockSize, text.Length - start));
            var controls = 0;
            for (var i = block.IndexOfAny(ControlChars); i >= 0; i = NextIndex(block, i, ControlChars))
            {
                controls++;
            }

            if (controls > block.Length / 20)
            {
                return start;
            }
        }

        return null;
    }

    private static int NextIndex(ReadOnlySpan<byte> block, int after, SearchValues<byte> values)
    {
        var next = block[(after + 1)..].IndexOfAny(values);
        return next < 0 ? -1 : after + 1 + next;
    }

    private static int NextIndex(ReadOnlySpan<char> block, int after, SearchValues<char> values)
    {
        var next = block[(after + 1)..].IndexOfAny(values);
        return next < 0 ? -1 : after + 1 + next;
    }

    private static string BinaryReason(int offset, string where) =>
        string.Create(CultureInfo.InvariantCulture, $"looks binary (NUL or control {where} {offset} on), not text");

    /// <summary>A UTF-8 byte order mark says UTF-8: invalid bytes after it are replaced (and said), not read as another encoding.</summary>
    private static string DecodeUtf8WithBom(ReadOnlySpan<byte> bytes, out string? note)
    {
        note = null;
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException ex)
        {
            note = string.Create(CultureInfo.InvariantCulture, $"has bytes that are not valid UTF-8 (the first at byte {ex.Index + 3}); they were left out");
            return Encoding.UTF8.GetString(bytes);
        }
    }

    private static Encoding CreateWindows1252()
    {
        // Code pages beyond Latin-1 come from System.Text.Encoding.CodePages (part of .NET's shared framework).
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1252);
    }
}
