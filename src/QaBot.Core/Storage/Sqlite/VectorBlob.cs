using System.Buffers.Binary;

namespace QaBot.Core.Storage.Sqlite;

/// <summary>The blob format sqlite-vec reads and writes for <c>float[N]</c> columns: little-endian float32.</summary>
internal static class VectorBlob
{
    public static byte[] ToBlob(ReadOnlySpan<float> vector)
    {
        var blob = new byte[vector.Length * sizeof(float)];
        for (var i = 0; i < vector.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(blob.AsSpan(i * sizeof(float)), vector[i]);
        }

        return blob;
    }

    public static float[] FromBlob(ReadOnlySpan<byte> blob)
    {
        if (blob.Length % sizeof(float) != 0)
        {
            throw new InvalidDataException($"A vector blob of {blob.Length} bytes is not a whole number of float32 values.");
        }

        var vector = new float[blob.Length / sizeof(float)];
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] = BinaryPrimitives.ReadSingleLittleEndian(blob[(i * sizeof(float))..]);
        }

        return vector;
    }
}
