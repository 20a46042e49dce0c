using System.ClientModel;
using System.ClientModel.Primitives;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.Connectors.OpenAI;
using OpenAI;
using QaBot.Core.Configuration;
using QaBot.Core.Retrieval;

namespace QaBot.Core.Answering.Llm;

/// <summary>
/// The Semantic Kernel set up for the configured chat model, with the answer and rewrite prompts
/// loaded from <see cref="LlmOptions.PromptsPath"/> as prompt functions. Requests go through the
/// named <see cref="HttpClientName"/> client, whose resilience handler owns timeouts and retries
/// (the OpenAI client's own retries are switched off so the bound holds). Built on first use.
/// </summary>
public sealed class LlmKernel
{
    public const string HttpClientName = "QaBot.Llm";

    /// <summary>OpenAI-compatible servers that need no key (Ollama, llama.cpp) still get a non-empty one.</summary>
    private const string PlaceholderApiKey = "not-needed";

    private const int RewriteMaxTokens = 120;

    private readonly LlmOptions options;
    private readonly Lazy<(Kernel Kernel, KernelFunction Answer, KernelFunction Rewrite)> state;

    public LlmKernel(IOptions<LlmOptions> options, QaBotRoot root, IHttpClientFactory httpClientFactory, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(httpClientFactory);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        this.options = options.Value;
        state = new(() => Build(this.options, root, httpClientFactory, loggerFactory), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public Kernel Kernel => state.Value.Kernel;

    public KernelFunction AnswerFunction => state.Value.Answer;

    public KernelFunction RewriteFunction => state.Value.Rewrite;

    /// <summary>The answer prompt's variables and execution settings for one request.</summary>
    public KernelArguments AnswerArguments(AnswerRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var settings = new OpenAIPromptExecutionSettings { Temperature = options.Temperature, MaxTokens = options.MaxOutputTokens };
        return new KernelArguments(settings)
        {
            ["question"] = Flatten(request.Question),
            ["conversation"] = SourceFormatter.FormatConversation(request.History),
            ["sources"] = SourceFormatter.Format(request.Passages),
            ["source_count"] = request.Passages.Count.ToString(CultureInfo.InvariantCulture),
            ["not_found"] = AnswerMessages.NotFound,
        };
    }

    /// <summary>The rewrite prompt's variables and execution settings.</summary>
    public KernelArguments RewriteArguments(string question, IReadOnlyList<ConversationTurn> history)
    {
        ArgumentNullException.ThrowIfNull(question);
        var settings = new OpenAIPromptExecutionSettings { Temperature = 0, MaxTokens = RewriteMaxTokens };
        return new KernelArguments(settings)
        {
            ["question"] = Flatten(question),
            ["conversation"] = SourceFormatter.FormatConversation(history),
        };
    }

    private static (Kernel, KernelFunction, KernelFunction) Build(LlmOptions options, QaBotRoot root, IHttpClientFactory httpClientFactory, ILoggerFactory loggerFactory)
    {
        var clientOptions = new OpenAIClientOptions
        {
            Transport = new HttpClientPipelineTransport(httpClientFactory.CreateClient(HttpClientName)),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = options.TotalTimeout,
        };
        if (!string.IsNullOrWhiteSpace(options.Endpoint))
        {
            clientOptions.Endpoint = new Uri(options.Endpoint);
        }

        var apiKey = string.IsNullOrWhiteSpace(options.ApiKey) ? PlaceholderApiKey : options.ApiKey;
        var client = new OpenAIClient(new ApiKeyCredential(apiKey), clientOptions);

        var builder = Kernel.CreateBuilder();
        builder.Services.AddSingleton(loggerFactory);
        builder.AddOpenAIChatCompletion(options.Model ?? throw new InvalidOperationException($"{LlmOptions.SectionName}:Model is not set."), client);
        var kernel = builder.Build();

        var folder = root.Resolve(options.PromptsPath);
        var answer = KernelFunctionFactory.CreateFromPrompt(PromptFileLoader.Load(Path.Combine(folder, PromptFiles.Answer)), loggerFactory: loggerFactory);
        var rewrite = KernelFunctionFactory.CreateFromPrompt(PromptFileLoader.Load(Path.Combine(folder, PromptFiles.Rewrite)), loggerFactory: loggerFactory);
        return (kernel, answer, rewrite);
    }

    private static string Flatten(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
