using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using QaBot.Core.Configuration;
using QaBot.Core.Embeddings;
using QaBot.Core.Tests.Embeddings.TestHelpers;
using QaBot.Testing;

namespace QaBot.Core.Tests.Embeddings;

public sealed class EmbeddingProviderTests : IDisposable
{
    private const string SecretKey = "sk-test-do-not-log-1234";

    private readonly TempFolder _folder = new("qabot-embeddings-");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task GloveIsTheDefaultProviderAndBuildsItsCacheFromTheConfiguredSource()
    {
        GloveJsonFile.Write(_folder.File("vectors.json"), [("cat", [1f, 0f, 0f]), ("kitten", [0.9f, 0.1f, 0f]), ("oil", [0f, 0f, 1f])]);
        using var services = Build(o =>
        {
            o.Glove.SourcePath = "vectors.json";
            o.Glove.CachePath = "cache/glove.bin";
        });

        var generator = services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
        var embedding = await generator.GenerateVectorAsync("Cat");

        Assert.IsType<GloveEmbeddingGenerator>(generator);
        Assert.Equal("glove", generator.GetService<EmbeddingGeneratorMetadata>()!.ProviderName);
        Assert.Equal(3, embedding.Length);
        Assert.True(File.Exists(_folder.File("cache/glove.bin")));
    }

    [Fact]
    public async Task OpenAIProviderCallsTheEmbeddingsEndpointWithTheKeyModelAndDimensions()
    {
        using var server = new FakeEmbeddingsServer(dimensions: 3, vectors: LengthAndIndex);
        using var services = Build(o =>
        {
            o.Provider = "OpenAI";
            o.OpenAI = new RemoteEmbeddingOptions { Endpoint = server.BaseUrl + "/v1", Model = "text-embedding-3-small", ApiKey = SecretKey, Dimensions = 5 };
        });
        var generator = services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();

        var embeddings = await generator.GenerateAsync(["first text", "second"]);

        Assert.Equal(LengthAndIndex("first text", 0, 5), embeddings[0].Vector.ToArray());
        Assert.Equal(LengthAndIndex("second", 1, 5), embeddings[1].Vector.ToArray());
        var request = Assert.Single(server.Requests);
        Assert.Equal("/v1/embeddings", request.Path);
        Assert.Equal($"Bearer {SecretKey}", request.Authorization);
        var body = JsonNode.Parse(request.Body)!;
        Assert.Equal("text-embedding-3-small", body["model"]!.GetValue<string>());
        Assert.Equal(5, body["dimensions"]!.GetValue<int>());
        Assert.Equal("base64", body["encoding_format"]?.GetValue<string>()); // so the fake answered in base64
    }

    [Theory]
    [InlineData("")]
    [InlineData("/")]
    [InlineData("/openai")]
    [InlineData("/openai/v1/")]
    public async Task AzureOpenAIProviderTalksToTheV1EndpointOfTheResource(string endpointPath)
    {
        using var server = new FakeEmbeddingsServer(dimensions: 3, vectors: LengthAndIndex);
        using var services = Build(o =>
        {
            o.Provider = "AzureOpenAI";
            o.AzureOpenAI = new RemoteEmbeddingOptions { Endpoint = server.BaseUrl + endpointPath, Model = "my-embedding-deployment", ApiKey = SecretKey };
        });
        var generator = services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();

        var embedding = await generator.GenerateVectorAsync("hello");

        Assert.Equal(LengthAndIndex("hello", 0, 3), embedding.ToArray());
        var request = Assert.Single(server.Requests);
        Assert.Equal("/openai/v1/embeddings", request.Path);
        Assert.Equal("my-embedding-deployment", JsonNode.Parse(request.Body)!["model"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task OllamaProviderUsesItsOpenAICompatibleEndpointWithoutAKey(bool serverAlwaysAnswersFloats)
    {
        using var server = new FakeEmbeddingsServer(dimensions: 3, vectors: LengthAndIndex, alwaysFloats: serverAlwaysAnswersFloats);
        using var services = Build(o =>
        {
            o.Provider = "ollama";
            o.Ollama = new RemoteEmbeddingOptions { Endpoint = server.BaseUrl, Model = "nomic-embed-text" };
        });
        var generator = services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();

        var embedding = await generator.GenerateVectorAsync("hello");

        Assert.Equal(LengthAndIndex("hello", 0, 3), embedding.ToArray());
        var request = Assert.Single(server.Requests);
        Assert.Equal("/v1/embeddings", request.Path);
        Assert.Equal("nomic-embed-text", JsonNode.Parse(request.Body)!["model"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("OpenAI", "QaBot:Embeddings:OpenAI:ApiKey")]
    [InlineData("AzureOpenAI", "QaBot:Embeddings:AzureOpenAI:Endpoint")]
    [InlineData("AzureOpenAI", "QaBot:Embeddings:AzureOpenAI:Model")]
    [InlineData("AzureOpenAI", "QaBot:Embeddings:AzureOpenAI:ApiKey")]
    [InlineData("Ollama", "QaBot:Embeddings:Ollama:Model")]
    [InlineData("Gemini", "QaBot:Embeddings:Provider")]
    public void MissingRemoteSettingsFailAtStartNamingTheSetting(string provider, string setting)
    {
        using var services = Build(o =>
        {
            o.Provider = provider;
            o.Ollama.Model = null;
        });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(setting, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidationMessagesNeverContainTheKey()
    {
        using var services = Build(o =>
        {
            o.Provider = "AzureOpenAI";
            o.AzureOpenAI = new RemoteEmbeddingOptions { Endpoint = "not a url", ApiKey = SecretKey };
        });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>());

        Assert.Contains("QaBot:Embeddings:AzureOpenAI:Endpoint must be an absolute http(s) URL", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(SecretKey, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DefaultSettingsAreValid()
    {
        using var services = Build(_ => { });

        services.GetRequiredService<IStartupValidator>().Validate();
    }

    /// <summary>
    /// The fake server's vector for an input: [input length, index in the request, 1, 1, …]. A vector that
    /// names its input shows the provider hands each text its own embedding, in order.
    /// </summary>
    private static float[] LengthAndIndex(string input, int index, int dimensions)
    {
        var vector = Enumerable.Repeat(1f, dimensions).ToArray();
        vector[0] = input.Length;
        if (dimensions > 1)
        {
            vector[1] = index;
        }

        return vector;
    }

    private ServiceProvider Build(Action<EmbeddingOptions> configure)
    {
        var services = new ServiceCollection();
        services.AddSingleton(new QaBotRoot(_folder.Path));
        services.AddOptions<EmbeddingOptions>().Configure(configure);
        services.AddQaBotEmbeddings();
        return services.BuildServiceProvider();
    }
}
