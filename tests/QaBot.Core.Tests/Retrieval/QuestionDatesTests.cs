using System.Globalization;
using QaBot.Core.Retrieval;

namespace QaBot.Core.Tests.Retrieval;

public sealed class QuestionDatesTests
{
    /// <summary>A Wednesday.</summary>
    private static readonly DateOnly Today = new(2025, 7, 9);

    [Theory]
    [InlineData("What did Rubio say in July 2025?", "2025-07-01", "2025-07-31", "July 2025")]
    [InlineData("What did Rubio say in july of 2025?", "2025-07-01", "2025-07-31", "july of 2025")]
    [InlineData("Who spoke on 2 July 2025?", "2025-07-02", "2025-07-02", "2 July 2025")]
    [InlineData("Who spoke on July 2nd, 2025?", "2025-07-02", "2025-07-02", "July 2nd, 2025")]
    [InlineData("What happened on 2025-07-02?", "2025-07-02", "2025-07-02", "2025-07-02")]
    [InlineData("Who won Wimbledon in 2024?", "2024-01-01", "2024-12-31", "in 2024")]
    [InlineData("What changed since 2024?", "2024-01-01", "2025-07-09", "since 2024")]
    [InlineData("What was agreed before 2024?", null, "2023-12-31", "before 2024")]
    [InlineData("Trade talks between 2023 and 2024", "2023-01-01", "2024-12-31", "between 2023 and 2024")]
    [InlineData("Who met in May?", "2025-05-01", "2025-05-31", "in May")]
    [InlineData("Who met in December?", "2024-12-01", "2024-12-31", "in December")]
    [InlineData("What happened today?", "2025-07-09", "2025-07-09", "today")]
    [InlineData("What happened yesterday?", "2025-07-08", "2025-07-08", "yesterday")]
    [InlineData("Who did Jaishankar meet last week?", "2025-06-30", "2025-07-06", "last week")]
    [InlineData("Any news this week?", "2025-07-07", "2025-07-09", "this week")]
    [InlineData("What did the minister say last month?", "2025-06-01", "2025-06-30", "last month")]
    [InlineData("What was said this year?", "2025-01-01", "2025-07-09", "this year")]
    [InlineData("What was said last year?", "2024-01-01", "2024-12-31", "last year")]
    [InlineData("What was said in the past 10 days?", "2025-06-30", "2025-07-09", "in the past 10 days")]
    public void APhraseOfTimeBecomesTheDatesItMeans(string question, string? from, string to, string phrase)
    {
        var range = QuestionDates.Find(question, Today);

        Assert.NotNull(range);
        Assert.Equal(from is null ? DateOnly.MinValue : DateOnly.Parse(from, CultureInfo.InvariantCulture), range.From);
        Assert.Equal(DateOnly.Parse(to, CultureInfo.InvariantCulture), range.To);
        Assert.Equal(phrase, range.Phrase);
    }

    [Theory]
    [InlineData("Who did Jaishankar meet at the Pentagon?")]
    [InlineData("What was decided at the 2+2 dialogue?")]
    [InlineData("What did the 2024 report say?")] // a year in a name is a topic, not a publication date
    [InlineData("May the minister visit Japan?")]
    [InlineData("How many troops march in the parade?")]
    [InlineData("Who won on 31 February 2025?")]
    public void AQuestionWithoutATimeHasNoDates(string question) => Assert.Null(QuestionDates.Find(question, Today));

    [Theory]
    [InlineData("2025-07-02", "2025-07-02", "2 July 2025")]
    [InlineData("2025-07-01", "2025-07-31", "July 2025")]
    [InlineData("2024-01-01", "2024-12-31", "2024")]
    [InlineData("2025-06-30", "2025-07-06", "30 June – 6 July 2025")]
    [InlineData("2025-07-07", "2025-07-09", "7 – 9 July 2025")]
    [InlineData("2024-12-30", "2025-01-05", "30 December 2024 – 5 January 2025")]
    public void ARangeIsDescribedInWords(string from, string to, string words) =>
        Assert.Equal(words, new PublishedDateRange(DateOnly.Parse(from, CultureInfo.InvariantCulture), DateOnly.Parse(to, CultureInfo.InvariantCulture), "x").Describe());

    [Theory]
    [InlineData("What did Rubio say in July 2025?", "July 2025", "What did Rubio say in?")]
    [InlineData("Who did Jaishankar meet last week?", "last week", "Who did Jaishankar meet?")]
    [InlineData("Last week, who met whom?", "Last week", ", who met whom?")]
    public void ThePhraseCanBeTakenOutOfTheQuestion(string question, string phrase, string rest) =>
        Assert.Equal(rest, new PublishedDateRange(Today, Today, phrase).RemoveFrom(question));
}
