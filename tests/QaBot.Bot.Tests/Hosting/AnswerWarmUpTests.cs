using Microsoft.Extensions.DependencyInjection;
using QaBot.Bot.Tests.TestHelpers;
using QaBot.Core.Answering.Model;
using QaBot.Testing;

namespace QaBot.Bot.Tests.Hosting;

/// <summary>The bot loads the answer model at start, before any question, unless told not to.</summary>
public sealed class AnswerWarmUpTests
{
    [Fact]
    public async Task TheAnswerModelIsLoadedAtStartBeforeAnyQuestion()
    {
        using var corpus = new TempFolder();
        HarbourCorpus.Write(corpus.Path, 2);
        await using var factory = new BotHostFactory(new Dictionary<string, string?> { ["QaBot:Corpus:Path"] = corpus.Path }, realServices: true);
        using var client = factory.CreateClient();
        await Readiness.WaitAsync(client, TimeSpan.FromMinutes(1));

        var host = factory.Services.GetRequiredService<AnswerModelHost>();
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (!host.IsLoaded && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.True(host.IsLoaded, "the answer model was not loaded within a minute of the start");
    }

    [Fact]
    public async Task WithWarmUpOffTheModelWaitsForTheFirstQuestion()
    {
        using var corpus = new TempFolder();
        HarbourCorpus.Write(corpus.Path, 2);
        await using var factory = new BotHostFactory(
            new Dictionary<string, string?> { ["QaBot:Corpus:Path"] = corpus.Path, ["QaBot:Answering:WarmUp"] = "false" },
            realServices: true);
        using var client = factory.CreateClient();
        await Readiness.WaitAsync(client, TimeSpan.FromMinutes(1));

        Assert.False(factory.Services.GetRequiredService<AnswerModelHost>().IsLoaded);
    }
}
