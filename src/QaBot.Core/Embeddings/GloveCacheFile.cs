using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace QaBot.Core.Embeddings;

/// <summary>
/// The compact binary cache of GloVe vectors, little-endian:
/// <code>
/// header   magic "QBGLOVE1" · int32 version · int32 count · int32 dims · int32 reserved
///          · float64 SIF a of the component · int64 word bytes
/// float32[dims]        common component
/// float32[count]       L2 norms
/// int32[count]         UTF-8 byte length of each word
/// byte[word bytes]     the words, UTF-8, in frequency-rank order
/// float32[count·dims]  the vectors, in frequency-rank order
/// uint32               end marker
/// </code>
/// Every block is read straight into its array; nothing is parsed.
/// </summary>
internal static class GloveCacheFile
{
    public const int FormatVersion = 1;
    private const ulong Magic = 0x3145564F4C474251UL; // "QBGLOVE1" read as little-endian
    private const uint EndMarker = 0x444E4547U; // "GEND"
    private const int HeaderBytes = 8 + 4 * 4 + 8 + 8;

    public static void Write(string path, GloveVectors vectors)
    {
        EnsureLittleEndian();
        var encodedWords = new byte[vectors.Count][];
        var lengths = new int[vectors.Count];
        long wordBytes = 0;
        for (var i = 0; i < vectors.Count; i++)
        {
            encodedWords[i] = Encoding.UTF8.GetBytes(vectors.Words[i]);
            lengths[i] = encodedWords[i].Length;
            wordBytes += lengths[i];
        }

        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20);
        Span<byte> header = stackalloc byte[HeaderBytes];
        BinaryPrimitives.WriteUInt64LittleEndian(header, Magic);
        BinaryPrimitives.WriteInt32LittleEndian(header[8..], FormatVersion);
        BinaryPrimitives.WriteInt32LittleEndian(header[12..], vectors.Count);
        BinaryPrimitives.WriteInt32LittleEndian(header[16..], vectors.Dimensions);
        BinaryPrimitives.WriteInt32LittleEndian(header[20..], 0);
        BinaryPrimitives.WriteDoubleLittleEndian(header[24..], vectors.ComponentSifA);
        BinaryPrimitives.WriteInt64LittleEndian(header[32..], wordBytes);
        stream.Write(header);
        stream.Write(MemoryMarshal.AsBytes(vectors.CommonComponent.AsSpan()));
        stream.Write(MemoryMarshal.AsBytes(vectors.Norms.AsSpan()));
        stream.Write(MemoryMarshal.AsBytes(lengths.AsSpan()));
        foreach (var word in encodedWords)
        {
            stream.Write(word);
        }

        stream.Write(MemoryMarshal.AsBytes(vectors.Vectors.AsSpan()));
        Span<byte> end = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(end, EndMarker);
        stream.Write(end);
        stream.Flush(flushToDisk: true);
    }

    /// <summary>Reads a cache, or returns null with a reason when the file is not a complete cache of this version.</summary>
    public static GloveVectors? TryRead(string path, out string? problem)
    {
        EnsureLittleEndian();
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, bufferSize: 0, FileOptions.SequentialScan);
        Span<byte> header = stackalloc byte[HeaderBytes];
        if (stream.Length < HeaderBytes + 4)
        {
            problem = "the file is too short";
            return null;
        }

        stream.ReadExactly(header);
        if (BinaryPrimitives.ReadUInt64LittleEndian(header) != Magic)
        {
            problem = "it is not a QaBot GloVe cache";
            return null;
        }

        var version = BinaryPrimitives.ReadInt32LittleEndian(header[8..]);
        if (version != FormatVersion)
        {
            problem = $"it has format version {version}, expected {FormatVersion}";
            return null;
        }

        var count = BinaryPrimitives.ReadInt32LittleEndian(header[12..]);
        var dimensions = BinaryPrimitives.ReadInt32LittleEndian(header[16..]);
        var componentSifA = BinaryPrimitives.ReadDoubleLittleEndian(header[24..]);
        var wordBytes = BinaryPrimitives.ReadInt64LittleEndian(header[32..]);
        if (count < 1 || dimensions < 1 || wordBytes < 0 || wordBytes > int.MaxValue)
        {
            problem = "its header is invalid";
            return null;
        }

        var expectedLength = HeaderBytes + 4L * dimensions + 4L * count + 4L * count + wordBytes + 4L * count * dimensions + 4;
        if (stream.Length != expectedLength)
        {
            problem = $"it is {stream.Length} bytes, expected {expectedLength}";
            return null;
        }

        var component = new float[dimensions];
        var norms = new float[count];
        var lengths = new int[count];
        var utf8 = GC.AllocateUninitializedArray<byte>((int)wordBytes);
        var vectors = GC.AllocateUninitializedArray<float>(checked(count * dimensions));
        stream.ReadExactly(MemoryMarshal.AsBytes(component.AsSpan()));
        stream.ReadExactly(MemoryMarshal.AsBytes(norms.AsSpan()));
        stream.ReadExactly(MemoryMarshal.AsBytes(lengths.AsSpan()));
        stream.ReadExactly(utf8);
        stream.ReadExactly(MemoryMarshal.AsBytes(vectors.AsSpan()));
        Span<byte> end = stackalloc byte[4];
        stream.ReadExactly(end);
        if (BinaryPrimitives.ReadUInt32LittleEndian(end) != EndMarker)
        {
            problem = "its end marker is missing";
            return null;
        }

        var words = new string[count];
        var offset = 0;
        for (var i = 0; i < count; i++)
        {
            if (lengths[i] < 0 || offset + lengths[i] > utf8.Length)
            {
                problem = "its word table is invalid";
                return null;
            }

            words[i] = Encoding.UTF8.GetString(utf8, offset, lengths[i]);
            offset += lengths[i];
        }

        problem = null;
        return new GloveVectors(words, vectors, norms, dimensions, component, componentSifA);
    }

    private static void EnsureLittleEndian()
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("The GloVe cache is little-endian and is read by copying memory; this machine is big-endian.");
        }
    }
}
