using System.Globalization;
using Microsoft.Extensions.Options;
using QaBot.Core.Configuration;

namespace QaBot.Core.Embeddings;

/// <summary>
/// Rules across fields of <see cref="EmbeddingOptions"/>: a known provider, and for a remote one the
/// endpoint, model and key it needs. Messages name the setting and never contain a key.
/// </summary>
internal sealed class EmbeddingOptionsValidator : IValidateOptions<EmbeddingOptions>
{
    private const string Section = EmbeddingOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, EmbeddingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var provider = EmbeddingProviders.Normalize(options.Provider);
        switch (provider)
        {
            case null:
                failures.Add($"{Section}:Provider '{options.Provider}' is not supported; use one of {string.Join(", ", EmbeddingProviders.All)}.");
                break;
            case EmbeddingProviders.Glove:
                ValidateGlove(options.Glove, failures);
                break;
            case EmbeddingProviders.Onnx:
                break;
            case EmbeddingProviders.OpenAI:
                ValidateRemote(provider, options.OpenAI, endpointRequired: false, keyRequired: true, failures);
                break;
            case EmbeddingProviders.AzureOpenAI:
                ValidateRemote(provider, options.AzureOpenAI, endpointRequired: true, keyRequired: true, failures);
                break;
            case EmbeddingProviders.Ollama:
                ValidateRemote(provider, options.Ollama, endpointRequired: true, keyRequired: false, failures);
                break;
        }

        ValidateOnnx(options.Onnx, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateOnnx(OnnxEncoderOptions? onnx, List<string> failures)
    {
        if (onnx is null)
        {
            failures.Add($"{Section}:Onnx is required.");
            return;
        }

        if (Onnx.OnnxEncoderModel.Find(onnx.Model) is null)
        {
            failures.Add($"{Section}:Onnx:Model '{onnx.Model}' is not a known encoder; use one of {string.Join(", ", Onnx.OnnxEncoderModel.All.Select(m => m.Name))}.");
        }

        if (string.IsNullOrWhiteSpace(onnx.ModelDirectory))
        {
            failures.Add($"{Section}:Onnx:ModelDirectory is required.");
        }

        if (onnx.MaxTokens is < 16 or > 512)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"{Section}:Onnx:MaxTokens must be between 16 and 512; it is {onnx.MaxTokens}."));
        }
    }

    private static void ValidateGlove(GloveEmbeddingOptions? glove, List<string> failures)
    {
        if (glove is null)
        {
            failures.Add($"{Section}:Glove is required when {Section}:Provider is Glove.");
            return;
        }

        if (string.IsNullOrWhiteSpace(glove.CachePath))
        {
            failures.Add($"{Section}:Glove:CachePath is required when {Section}:Provider is Glove.");
        }

        if (string.IsNullOrWhiteSpace(glove.SourcePath))
        {
            failures.Add($"{Section}:Glove:SourcePath is required when {Section}:Provider is Glove.");
        }

        if (!(glove.SifA > 0 && glove.SifA < 1))
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"{Section}:Glove:SifA must be between 0 and 1 (exclusive); it is {glove.SifA}."));
        }
    }

    private static void ValidateRemote(string provider, RemoteEmbeddingOptions? remote, bool endpointRequired, bool keyRequired, List<string> failures)
    {
        var prefix = $"{Section}:{provider}";
        if (remote is null)
        {
            failures.Add($"{prefix} is required when {Section}:Provider is {provider}.");
            return;
        }

        if (string.IsNullOrWhiteSpace(remote.Endpoint))
        {
            if (endpointRequired)
            {
                failures.Add($"{prefix}:Endpoint is required when {Section}:Provider is {provider}.");
            }
        }
        else if (!Uri.TryCreate(remote.Endpoint.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            failures.Add($"{prefix}:Endpoint must be an absolute http(s) URL; it is '{remote.Endpoint}'.");
        }

        if (string.IsNullOrWhiteSpace(remote.Model))
        {
            var what = provider == EmbeddingProviders.AzureOpenAI ? "the embedding deployment name" : "the embedding model";
            failures.Add($"{prefix}:Model ({what}) is required when {Section}:Provider is {provider}.");
        }

        if (keyRequired && string.IsNullOrWhiteSpace(remote.ApiKey))
        {
            var variable = $"{prefix}:ApiKey".Replace(":", "__", StringComparison.Ordinal);
            failures.Add($"{prefix}:ApiKey is required when {Section}:Provider is {provider}; set it with user secrets or the environment variable {variable}.");
        }

        if (remote.Dimensions is <= 0)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"{prefix}:Dimensions must be positive when set; it is {remote.Dimensions}."));
        }
    }
}
