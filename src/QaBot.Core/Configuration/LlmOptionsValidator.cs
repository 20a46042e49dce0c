using Microsoft.Extensions.Options;

namespace QaBot.Core.Configuration;

/// <summary>
/// Start-up checks across <see cref="LlmOptions"/> fields, so a provider chosen without its model,
/// endpoint or key fails with a message naming the configuration key to set.
/// </summary>
public sealed class LlmOptionsValidator(QaBotRoot root) : IValidateOptions<LlmOptions>
{
    private const string Section = LlmOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, LlmOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        var provider = LlmProviders.Normalize(options.Provider);
        if (provider is null)
        {
            errors.Add($"{Section}:Provider is '{options.Provider}'; use one of {string.Join(", ", LlmProviders.All)}.");
        }

        if (string.IsNullOrWhiteSpace(options.Model))
        {
            errors.Add($"{Section}:Model is required when QaBot:Answering:Composer is SemanticKernel (the model or Azure deployment name).");
        }

        var needsEndpoint = provider is LlmProviders.AzureOpenAI or LlmProviders.OpenAICompatible;
        if (string.IsNullOrWhiteSpace(options.Endpoint))
        {
            if (needsEndpoint)
            {
                errors.Add($"{Section}:Endpoint is required for provider {provider} ({ExampleEndpoint(provider!)}).");
            }
        }
        else if (!Uri.TryCreate(options.Endpoint, UriKind.Absolute, out var endpoint) || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add($"{Section}:Endpoint '{options.Endpoint}' is not an absolute http(s) URL.");
        }
        else if (provider == LlmProviders.AzureOpenAI && !endpoint.AbsolutePath.TrimEnd('/').EndsWith("/openai/v1", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add($"{Section}:Endpoint for AzureOpenAI must be the v1 endpoint, {ExampleEndpoint(LlmProviders.AzureOpenAI)}.");
        }

        if ((provider is LlmProviders.OpenAI or LlmProviders.AzureOpenAI) && string.IsNullOrWhiteSpace(options.ApiKey))
        {
            errors.Add($"{Section}:ApiKey is required for provider {provider}; set it with user secrets or the environment variable QaBot__Llm__ApiKey (never in appsettings.json).");
        }

        if (options.Timeout <= TimeSpan.Zero || options.Timeout > TimeSpan.FromMinutes(10))
        {
            errors.Add($"{Section}:Timeout must be between 00:00:00.001 and 00:10:00 (it is {options.Timeout}).");
        }

        if (options.RetryDelay < TimeSpan.Zero || options.RetryDelay > TimeSpan.FromMinutes(1))
        {
            errors.Add($"{Section}:RetryDelay must be between 00:00:00 and 00:01:00 (it is {options.RetryDelay}).");
        }

        foreach (var file in PromptFiles.All)
        {
            var path = Path.Combine(root.Resolve(options.PromptsPath), file);
            if (!File.Exists(path))
            {
                errors.Add($"{Section}:PromptsPath: the prompt file {path} does not exist.");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static string ExampleEndpoint(string provider) => provider switch
    {
        LlmProviders.AzureOpenAI => "https://{resource}.openai.azure.com/openai/v1/",
        LlmProviders.OpenAICompatible => "for Ollama http://localhost:11434/v1",
        _ => "https://api.openai.com/v1",
    };
}
