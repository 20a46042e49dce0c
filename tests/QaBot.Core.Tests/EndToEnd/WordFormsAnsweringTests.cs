using Microsoft.Extensions.DependencyInjection;
using QaBot.Core.Answering;
using QaBot.Core.Indexing;

namespace QaBot.Core.Tests.EndToEnd;

/// <summary>
/// Questions whose words differ in form from the article's — irregular past tenses, invisible characters
/// inside a word — answered end to end over a small corpus of their own: real index, real encoder, real
/// answer model. (The old composer declined these: "won" was not in FTS5's Porter vocabulary.)
/// </summary>
public sealed class WordFormsAnsweringTests : IAsyncLifetime
{
    private static readonly (string File, string Text)[] Articles =
    [
        ("tennis.txt", "Alcaraz keeps his Wimbledon crown\n\nCarlos Alcaraz won the men's singles final at Wimbledon on Sunday, beating Novak Djokovic in straight sets. The Spaniard lifted the trophy for the second year running.\n"),
        ("markets.txt", "Harbour Foods slides after profit warning\n\nShares of Harbour Foods fell 12 percent on Tuesday after the company cut its profit forecast. Analysts said demand for frozen meals had weakened over the summer.\n"),
        ("dairy.txt", "Riverton Dairy sells its cheese business\n\nRiverton Dairy sold its cheese unit to Northfield Group for 40 million dollars, the company said on Monday. The sale is expected to close in March.\n"),
    ];

    private readonly string folder = Directory.CreateTempSubdirectory("qabot-forms-").FullName;
    private ServiceProvider? services;

    public async Task InitializeAsync()
    {
        var corpus = Directory.CreateDirectory(Path.Combine(folder, "corpus")).FullName;
        foreach (var (file, text) in Articles)
        {
            await File.WriteAllTextAsync(Path.Combine(corpus, file), text);
        }

        services = SeedsIndexFixture.Build(Path.Combine(folder, "qabot.db"), new Dictionary<string, string?> { ["QaBot:Corpus:Path"] = corpus });
        await services.GetRequiredService<ICorpusIndexer>().IndexAsync();
    }

    public async Task DisposeAsync()
    {
        if (services is not null)
        {
            await services.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [Theory]
    [InlineData("Who won the men's singles final at Wimbledon?", "Alcaraz", "tennis")]
    [InlineData("How much did Harbour Foods shares fall on Tuesday?", "12 percent", "markets")]
    [InlineData("Who did Riverton Dairy sell its cheese unit to?", "Northfield", "dairy")]
    [InlineData("Who did Riverton Dairy sell its che\u200Bese unit to?", "Northfield", "dairy")] // a zero-width space inside a word
    [InlineData("Who won the men's sin\u00ADgles final at Ｗｉｍｂｌｅｄｏｎ?", "Alcaraz", "tennis")] // a soft hyphen and fullwidth letters
    public async Task IsAnsweredFromTheRightArticle(string question, string expected, string document)
    {
        var answer = await services!.GetRequiredService<IAnsweringService>().AskAsync(question, []);

        Assert.False(answer.Declined, $"declined (confidence {answer.Confidence})");
        Assert.Contains(expected, answer.Text);
        Assert.Equal(document, answer.Citations[0].DocumentId);
        Assert.NotNull(answer.Confidence);
    }

    [Fact]
    public async Task AQuestionNoArticleTouchesIsDeclined()
    {
        var answer = await services!.GetRequiredService<IAnsweringService>().AskAsync("What is the capital of Peru?", []);

        Assert.True(answer.Declined);
        Assert.Empty(answer.Citations);
    }
}
