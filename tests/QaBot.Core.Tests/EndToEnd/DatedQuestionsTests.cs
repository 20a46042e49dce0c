using Microsoft.Extensions.DependencyInjection;
using QaBot.Core.Answering;
using Microsoft.Extensions.Time.Testing;

namespace QaBot.Core.Tests.EndToEnd;

/// <summary>
/// Issue 14, point 5, on the seeds: a question naming a time is answered from articles dated then (a
/// VectorData filter on the retrieval) when they answer it, else from all articles, and the answer says
/// which dates it drew on. Two seeds are dated 2 July 2025; the other three carry no date.
/// </summary>
public sealed class DatedQuestionsTests(SeedsIndexFixture fixture) : IClassFixture<SeedsIndexFixture>
{
    private static readonly string[] JulySeeds = ["000_0ae4d377a3db1007", "001_7922f3cea14daa66"];

    [Fact]
    public async Task AQuestionAboutJuly2025IsAnsweredFromArticlesOfJuly2025AndSaysSo()
    {
        var answer = await AnsweringAt(new DateTimeOffset(2026, 1, 15, 12, 0, 0, TimeSpan.Zero))
            .AskAsync("In which city did the Quad foreign ministers meet when Jaishankar saw Rubio in July 2025?", []);

        Assert.False(answer.Declined, answer.Text);
        Assert.Contains("Washington", answer.Text, StringComparison.Ordinal);
        Assert.NotEmpty(answer.Retrieved);
        Assert.All(answer.Retrieved, r => Assert.Contains(r.Chunk.DocumentId, JulySeeds));
        Assert.All(answer.Citations, c => Assert.Equal(new DateOnly(2025, 7, 2), c.PublishedDate));
        Assert.Equal((new DateOnly(2025, 7, 1), new DateOnly(2025, 7, 31)), (answer.Dates!.From, answer.Dates.To));
        Assert.EndsWith("Dates: the question asks about July 2025 (“July 2025”); the cited articles are dated 2 July 2025.", answer.Text, StringComparison.Ordinal);
        Assert.Equal("In which city did the Quad foreign ministers meet when Jaishankar saw Rubio in July 2025?", answer.Question);
    }

    [Fact]
    public async Task LastWeekCountsFromTodaysDate()
    {
        const string question = "Who did Jaishankar meet at the Pentagon last week?";

        // Tuesday 8 July 2025: last week ran from Monday 30 June to Sunday 6 July, and holds the 2 July articles.
        var thatWeek = await AnsweringAt(new DateTimeOffset(2025, 7, 8, 9, 0, 0, TimeSpan.Zero)).AskAsync(question, []);
        Assert.False(thatWeek.Declined, thatWeek.Text);
        Assert.Contains("Hegseth", thatWeek.Text, StringComparison.Ordinal);
        Assert.All(thatWeek.Retrieved, r => Assert.Contains(r.Chunk.DocumentId, JulySeeds));
        Assert.Contains("the question asks about 30 June – 6 July 2025 (“last week”)", thatWeek.Text, StringComparison.Ordinal);

        // Two months later nothing in the seeds is that recent: all articles are searched, and the answer says so.
        var later = await AnsweringAt(new DateTimeOffset(2025, 9, 10, 9, 0, 0, TimeSpan.Zero)).AskAsync(question, []);
        Assert.False(later.Declined, later.Text);
        Assert.Contains("Hegseth", later.Text, StringComparison.Ordinal);
        Assert.EndsWith(
            "Dates: no article dated 1 – 7 September 2025 (“last week”) answers this, so all articles were searched; the cited articles are dated 2 July 2025.",
            later.Text,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADatedQuestionNoArticleAnswersIsDeclinedSayingWhichDatesWereSearched()
    {
        var answer = await AnsweringAt(new DateTimeOffset(2025, 9, 10, 9, 0, 0, TimeSpan.Zero)).AskAsync("Who won the men's singles final at Wimbledon in 2024?", []);

        Assert.True(answer.Declined);
        Assert.Empty(answer.Citations);
        Assert.EndsWith("I looked first among the articles dated 2024 (“in 2024”), then among all of them.", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AQuestionWithoutATimeSearchesEveryArticle()
    {
        var answer = await AnsweringAt(new DateTimeOffset(2025, 9, 10, 9, 0, 0, TimeSpan.Zero)).AskAsync("Which two ambassadors to China met in Beijing?", []);

        Assert.Null(answer.Dates);
        Assert.Contains(answer.Citations, c => c.DocumentId == "004_2269735bd9ef00fc"); // an undated seed
        Assert.DoesNotContain("Dates:", answer.Text, StringComparison.Ordinal);
    }

    private IAnsweringService AnsweringAt(DateTimeOffset now)
    {
        var clock = new FakeTimeProvider(now);
        clock.SetLocalTimeZone(TimeZoneInfo.Utc);
        var services = SeedsIndexFixture.Build(fixture.DatabasePath, configure: s => s.AddSingleton<TimeProvider>(clock));
        return services.GetRequiredService<IAnsweringService>();
    }
}
