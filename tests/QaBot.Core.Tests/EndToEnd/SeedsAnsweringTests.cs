using Microsoft.Extensions.DependencyInjection;
using QaBot.Core.Answering;
using QaBot.Core.Indexing;
using QaBot.Core.Retrieval;

namespace QaBot.Core.Tests.EndToEnd;

/// <summary>The shipped corpus answered end to end: real SQLite + sqlite-vec + FTS5, real GloVe, extractive answers.</summary>
public sealed class SeedsAnsweringTests(SeedsIndexFixture fixture) : IClassFixture<SeedsIndexFixture>
{
    private static readonly string[] PentagonSources = ["000_0ae4d377a3db1007", "001_7922f3cea14daa66"];

    private IAnsweringService Answering => fixture.Services.GetRequiredService<IAnsweringService>();

    [Fact]
    public void TheFirstIndexEmbedsEveryArticle()
    {
        Assert.Equal(5, fixture.FirstIndex.DocumentsSeen);
        Assert.Equal(5, fixture.FirstIndex.DocumentsEmbedded);
        Assert.True(fixture.FirstIndex.ChunksWritten >= 5);
        Assert.Empty(fixture.FirstIndex.Skipped);
    }

    [Fact]
    public async Task ASecondIndexOfTheUnchangedCorpusEmbedsNothing()
    {
        var report = await fixture.Services.GetRequiredService<ICorpusIndexer>().IndexAsync();

        Assert.Equal((5, 0, 5, 0), (report.DocumentsSeen, report.DocumentsEmbedded, report.DocumentsUnchanged, report.ChunksWritten));
        Assert.False(await fixture.Services.GetRequiredService<ICorpusIndexer>().IsStaleAsync());
    }

    [Fact]
    public async Task WhoJaishankarMetAtThePentagonIsAnsweredWithHegsethAndACitation()
    {
        var answer = await Answering.AskAsync("Who did Jaishankar meet at the Pentagon?", []);

        Assert.False(answer.Declined);
        Assert.Contains("Hegseth", answer.Text);
        Assert.Matches(@"\[1\]", answer.Text);
        Assert.Contains(answer.Citations, c => PentagonSources.Contains(c.DocumentId));
        Assert.All(answer.Citations, c => Assert.Contains("[" + c.Number + "]", answer.Text));
    }

    [Fact]
    public async Task ACitationsOffsetsPointAtItsSnippetInTheStoredDocument()
    {
        var answer = await Answering.AskAsync("Who did Jaishankar meet at the Pentagon?", []);
        var citation = answer.Citations[0];
        var document = await fixture.Services.GetRequiredService<QaBot.Core.Storage.IIndexCatalog>().GetDocumentAsync(citation.DocumentId);

        Assert.NotNull(document);
        var passage = document.Text[citation.SnippetStart..citation.SnippetEnd];
        Assert.Contains("Hegseth", passage);
    }

    [Theory]
    [InlineData("Who won the men's singles final at Wimbledon in 2024?")]
    [InlineData("What is the population of Kuala Lumpur?")]
    [InlineData("Who is the Prime Minister of Japan?")]
    public async Task QuestionsTheArticlesDoNotAnswerAreDeclinedWithNoCitations(string question)
    {
        var answer = await Answering.AskAsync(question, []);

        Assert.True(answer.Declined);
        Assert.StartsWith(AnswerMessages.NotFound, answer.Text, StringComparison.Ordinal); // a dated question adds which dates it searched
        Assert.Empty(answer.Citations);
    }

    [Fact]
    public async Task AFollowUpUsesTheEarlierTurnsOfTheConversation()
    {
        var first = await Answering.AskAsync("Who did Jaishankar meet at the Pentagon?", []);
        ConversationTurn[] history = [new(ConversationRole.User, first.Question), new(ConversationRole.Assistant, first.Text)];

        var followUp = await Answering.AskAsync("Which pending sales did he hope to complete?", history);

        Assert.NotEqual(followUp.Question, followUp.StandaloneQuery);
        Assert.Contains("defence sales", followUp.Text);
        Assert.Contains(followUp.Citations, c => c.DocumentId == "000_0ae4d377a3db1007");
    }

    [Fact]
    public async Task HybridRetrievalCarriesBothRanksAndFusedScoresInOrder()
    {
        var retriever = fixture.Services.GetRequiredService<IRetriever>();

        var results = (await retriever.RetrieveAsync("Gurpatwant Singh Pannun video threats", topK: 5)).Passages;

        Assert.Equal(5, results.Count);
        Assert.Equal("003_454627902107d806", results[0].Chunk.DocumentId);
        Assert.NotNull(results[0].VectorRank);
        Assert.NotNull(results[0].KeywordRank);
        Assert.True(results.Zip(results.Skip(1)).All(p => p.First.Score >= p.Second.Score));
        Assert.All(results, r => Assert.True(r.VectorRank is not null || r.KeywordRank is not null));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task AnEmptyQuestionGetsAPlainMessageNotASearch(string question)
    {
        var answer = await Answering.AskAsync(question, []);

        Assert.True(answer.Declined);
        Assert.Equal(AnswerMessages.EmptyQuestion, answer.Text);
        Assert.Empty(answer.Retrieved);
    }

    [Fact]
    public async Task AHugeQuestionIsPolitelyRefused()
    {
        var answer = await Answering.AskAsync(new string('x', 100_000), []);

        Assert.True(answer.Declined);
        Assert.Contains("too long", answer.Text);
        Assert.Empty(answer.Citations);
    }
}
