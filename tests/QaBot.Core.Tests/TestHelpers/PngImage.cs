using System.Buffers.Binary;
using System.IO.Compression;

namespace QaBot.Core.Tests.TestHelpers;

/// <summary>
/// Decodes the 8-bit RGB/RGBA, non-interlaced PNGs Chromium writes, enough to count pixels of a colour in
/// a screenshot.
/// </summary>
internal sealed class PngImage
{
    private readonly byte[] _pixels;
    private readonly int _channels;

    private PngImage(int width, int height, int channels, byte[] pixels) => (Width, Height, _channels, _pixels) = (width, height, channels, pixels);

    public int Width { get; }

    public int Height { get; }

    public (byte R, byte G, byte B) this[int x, int y]
    {
        get
        {
            var i = ((y * Width) + x) * _channels;
            return (_pixels[i], _pixels[i + 1], _pixels[i + 2]);
        }
    }

    public static PngImage Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 8 || !bytes.AsSpan(0, 8).SequenceEqual(new byte[] { 137, 80, 78, 71, 13, 10, 26, 10 }))
        {
            throw new InvalidDataException($"{path} is not a PNG.");
        }

        int width = 0, height = 0, channels = 0;
        using var idat = new MemoryStream();
        for (var offset = 8; offset < bytes.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(offset));
            var type = System.Text.Encoding.ASCII.GetString(bytes, offset + 4, 4);
            var data = bytes.AsSpan(offset + 8, length);
            if (type == "IHDR")
            {
                width = BinaryPrimitives.ReadInt32BigEndian(data);
                height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                var (bitDepth, colourType, interlace) = (data[8], data[9], data[12]);
                channels = colourType switch { 2 => 3, 6 => 4, _ => 0 };
                if (bitDepth != 8 || channels == 0 || interlace != 0)
                {
                    throw new NotSupportedException($"PNG with bit depth {bitDepth}, colour type {colourType}, interlace {interlace}.");
                }
            }
            else if (type == "IDAT")
            {
                idat.Write(data);
            }

            offset += 12 + length;
        }

        idat.Position = 0;
        using var inflated = new MemoryStream();
        using (var zlib = new ZLibStream(idat, CompressionMode.Decompress))
        {
            zlib.CopyTo(inflated);
        }

        var raw = inflated.ToArray();
        var stride = width * channels;
        var pixels = new byte[height * stride];
        for (var y = 0; y < height; y++)
        {
            var filter = raw[y * (stride + 1)];
            var source = raw.AsSpan((y * (stride + 1)) + 1, stride);
            var row = pixels.AsSpan(y * stride, stride);
            var previous = y == 0 ? new byte[stride] : pixels.AsSpan((y - 1) * stride, stride);
            for (var i = 0; i < stride; i++)
            {
                int left = i >= channels ? row[i - channels] : 0;
                int up = previous[i];
                int upLeft = i >= channels ? previous[i - channels] : 0;
                row[i] = (byte)(source[i] + filter switch
                {
                    0 => 0,
                    1 => left,
                    2 => up,
                    3 => (left + up) / 2,
                    4 => Paeth(left, up, upLeft),
                    _ => throw new InvalidDataException($"Unknown PNG filter {filter}."),
                });
            }
        }

        return new PngImage(width, height, channels, pixels);
    }

    /// <summary>Pixels within <paramref name="tolerance"/> of the colour on every channel.</summary>
    public int Count((byte R, byte G, byte B) colour, int tolerance = 8)
    {
        var count = 0;
        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                var (r, g, b) = this[x, y];
                if (Math.Abs(r - colour.R) <= tolerance && Math.Abs(g - colour.G) <= tolerance && Math.Abs(b - colour.B) <= tolerance)
                {
                    count++;
                }
            }
        }

        return count;
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        var (pa, pb, pc) = (Math.Abs(p - a), Math.Abs(p - b), Math.Abs(p - c));
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
