using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using QaBot.Core.Answering;
using QaBot.Core.Indexing;
using QaBot.Core.Tests.EndToEnd;
using QaBot.Testing;

namespace QaBot.Core.Tests.Answering;

/// <summary>
/// Issue 12, row 4: an article's own reference markers ("… in 2023 [2] [7].") must not reach an answer,
/// where they would read as QaBot's citations of sources that do not exist (or of the wrong ones). Through
/// the real pipeline (real SQLite index, retrieval and extractive composer), and the rules as a table.
/// </summary>
public sealed partial class ArticleMarkersTests
{
    [Fact]
    public async Task AnAnswerQuotingASentenceWithReferenceMarkersCarriesOnlyQaBotsOwnMarkers()
    {
        using var embeddings = new FakeEmbeddingsServer();
        using var folder = new TempFolder();
        var corpus = Path.Combine(folder.Path, "corpus");
        HarbourCorpus.Write(corpus, 3);
        File.WriteAllText(
            Path.Combine(corpus, "references.txt"),
            "Zorbavik harbour expansion\n\nThe harbour of Zorbavik handled 4321 containers in 2023 [2] [7]. The harbourmaster of Zorbavik is Ines Kalosson [12][13], officials said.\n\nLast Updated : Jul 02 2025 | 6:50 AM IST\n",
            new UTF8Encoding(false));
        await using var services = SeedsIndexFixture.Build(Path.Combine(folder.Path, "qabot.db"), new Dictionary<string, string?>
        {
            ["QaBot:Corpus:Path"] = corpus,
            ["QaBot:Embeddings:Provider"] = "Ollama",
            ["QaBot:Embeddings:Ollama:Endpoint"] = embeddings.BaseUrl,
            ["QaBot:Embeddings:Ollama:Model"] = "fake-hashed-words",
            ["QaBot:Embeddings:Ollama:Dimensions"] = embeddings.Dimensions.ToString(CultureInfo.InvariantCulture),
        });
        await services.GetRequiredService<ICorpusIndexer>().IndexAsync();

        var answer = await services.GetRequiredService<IAnsweringService>().AskAsync("How many containers did the harbour of Zorbavik handle in 2023?", []);

        Assert.False(answer.Declined);
        Assert.Contains("4321 containers in 2023", answer.Text, StringComparison.Ordinal);
        var markers = Marker().Matches(answer.Text).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
        Assert.NotEmpty(markers);
        Assert.All(markers, n => Assert.Contains(answer.Citations, c => c.Number == n));
        Assert.DoesNotContain("[7]", answer.Text, StringComparison.Ordinal);
        Assert.All(answer.Citations, c => Assert.DoesNotMatch(Marker(), c.Snippet));
    }

    [Theory]
    [InlineData("It rose in 2023 [2] [7].", "It rose in 2023.")]
    [InlineData("It rose [2][7], officials said.", "It rose, officials said.")]
    [InlineData("It rose [2, 7] in May [12].", "It rose in May.")]
    [InlineData("[3] It rose.", "It rose.")]
    [InlineData("Array [i] and [ 2a ] and [2023 budget] stay.", "Array [i] and [ 2a ] and [2023 budget] stay.")]
    [InlineData("No markers here.", "No markers here.")]
    public void ReferenceMarkersAreRemovedFromQuotedText(string quoted, string expected) =>
        Assert.Equal(expected, CitationMarkers.RemoveFrom(quoted));

    [Theory]
    [InlineData("A [1]. B [2] [7].", new[] { 1, 2 }, "A [1]. B [2].")]
    [InlineData("A [1]. B [3].", new[] { 1 }, "A [1]. B.")]
    [InlineData("A [1].", new[] { 1 }, "A [1].")]
    public void MarkersWithoutACitationAreDropped(string text, int[] cited, string expected) =>
        Assert.Equal(expected, CitationMarkers.KeepOnly(text, cited));

    [Fact]
    public void TheLlmSeesArticlesWithoutTheirReferenceMarkers()
    {
        var sources = QaBot.Core.Answering.Llm.SourceFormatter.Format(
            [Llm.LlmPassages.Passage("refs", "The harbour handled 4321 containers in 2023 [2] [7]. Officials said so [1]."), Llm.LlmPassages.Passage("other", "Nothing here.")]);

        Assert.Contains("The harbour handled 4321 containers in 2023. Officials said so.", sources, StringComparison.Ordinal);
        Assert.DoesNotContain("[7]", sources, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\[(\d{1,6})\]")]
    private static partial Regex Marker();
}
