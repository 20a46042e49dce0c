using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace QaBot.Core.Embeddings.Onnx;

/// <summary>
/// Reads manifest resources embedded in a .NET assembly file without loading the assembly: the
/// resources section of the PE file holds each one as a 4-byte length followed by its bytes.
/// </summary>
internal static class PackageResourceReader
{
    /// <summary>Copies the resource named <paramref name="resourceName"/> of <paramref name="assemblyPath"/> to <paramref name="destination"/>.</summary>
    public static void Extract(string assemblyPath, string resourceName, Stream destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        using var file = File.OpenRead(assemblyPath);
        using var pe = new PEReader(file);
        if (!pe.HasMetadata || pe.PEHeaders.CorHeader is not { } cor)
        {
            throw new InvalidDataException($"'{assemblyPath}' is not a .NET assembly.");
        }

        var metadata = pe.GetMetadataReader();
        foreach (var handle in metadata.ManifestResources)
        {
            var resource = metadata.GetManifestResource(handle);
            if (!resource.Implementation.IsNil || metadata.GetString(resource.Name) != resourceName)
            {
                continue;
            }

            var section = pe.GetSectionData(cor.ResourcesDirectory.RelativeVirtualAddress);
            var reader = section.GetReader((int)resource.Offset, section.Length - (int)resource.Offset);
            var length = reader.ReadInt32();
            if (length < 0 || length > reader.RemainingBytes)
            {
                throw new InvalidDataException($"Resource '{resourceName}' of '{assemblyPath}' has an invalid length.");
            }

            var buffer = new byte[1 << 20];
            var left = length;
            while (left > 0)
            {
                var n = Math.Min(left, buffer.Length);
                reader.ReadBytes(n, buffer, 0);
                destination.Write(buffer, 0, n);
                left -= n;
            }

            return;
        }

        throw new InvalidDataException($"'{assemblyPath}' has no resource named '{resourceName}'.");
    }
}
