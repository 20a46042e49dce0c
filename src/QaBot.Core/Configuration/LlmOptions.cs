using System.ComponentModel.DataAnnotations;

namespace QaBot.Core.Configuration;

/// <summary>
/// The chat model used when <c>QaBot:Answering:Composer</c> is "SemanticKernel". The API key comes
/// from user secrets or the environment variable <c>QaBot__Llm__ApiKey</c>, never from a committed
/// file, and is never logged.
/// </summary>
public sealed class LlmOptions
{
    public const string SectionName = "QaBot:Llm";

    /// <summary>"OpenAI", "AzureOpenAI" (the v1 endpoint) or "OpenAICompatible" (Ollama, vLLM, llama.cpp server).</summary>
    [Required]
    public string Provider { get; set; } = LlmProviders.OpenAI;

    /// <summary>The model (OpenAI, OpenAI-compatible) or deployment name (Azure OpenAI).</summary>
    public string? Model { get; set; }

    /// <summary>
    /// Base URL of the API. Optional for OpenAI (https://api.openai.com/v1); for Azure OpenAI
    /// https://{resource}.openai.azure.com/openai/v1/; for Ollama http://localhost:11434/v1.
    /// </summary>
    public string? Endpoint { get; set; }

    /// <summary>Required for OpenAI and Azure OpenAI; optional for OpenAI-compatible servers.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Longest one attempt may wait for the model to start answering.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries after a timeout, HTTP 429 or 5xx (0 = no retry).</summary>
    [Range(0, 5)]
    public int MaxRetries { get; set; } = 2;

    /// <summary>First delay between retries; it doubles on each retry (a Retry-After header wins).</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Sampling temperature; 0 keeps answers close to the sources.</summary>
    [Range(0.0, 2.0)]
    public double Temperature { get; set; }

    /// <summary>Most tokens in a generated answer.</summary>
    [Range(16, 16_384)]
    public int MaxOutputTokens { get; set; } = 400;

    /// <summary>Folder holding answer.prompt and rewrite.prompt, relative to the QaBot root.</summary>
    [Required]
    public string PromptsPath { get; set; } = "prompts";

    /// <summary>Longest a whole answer may take: every attempt and the delays between them.</summary>
    public TimeSpan TotalTimeout
    {
        get
        {
            var delays = TimeSpan.Zero;
            for (var retry = 0; retry < MaxRetries; retry++)
            {
                delays += RetryDelay * Math.Pow(2, retry);
            }

            return (Timeout * (MaxRetries + 1)) + delays;
        }
    }
}
