using QaBot.Core.Evaluation;

namespace QaBot.Core.Tests.Evaluation;

public sealed class QuestionSetReaderTests
{
    private const string Good1 = """{"id":"dev-01","question":"Who did Jaishankar meet at the Pentagon?","expected":[["Hegseth"]],"sources":["000_a","001_b"],"answerable":true}""";
    private const string Good2 = """{"id":"dev-17","context":["Who did Jaishankar meet at the Pentagon?"],"question":"What did he hope to complete?","expected":[["defence sales","defense sales"]],"sources":["000_a"],"answerable":true}""";
    private const string Unanswerable = """{"id":"dev-12","question":"What is the population of Kuala Lumpur?","expected":[],"sources":[],"answerable":false}""";

    [Fact]
    public void ReadsCasesWithContextGroupsAndLineNumbers()
    {
        var set = QuestionSetReader.Parse([Good1, "", Good2, Unanswerable], "dev.jsonl");

        Assert.Empty(set.Errors);
        Assert.Equal(["dev-01", "dev-17", "dev-12"], set.Cases.Select(c => c.Id));
        Assert.Equal([1, 3, 4], set.Cases.Select(c => c.LineNumber));
        Assert.Equal(["Who did Jaishankar meet at the Pentagon?"], set.Cases[1].Context);
        Assert.Equal([["defence sales", "defense sales"]], set.Cases[1].Expected);
        Assert.Equal(["000_a", "001_b"], set.Cases[0].Sources);
        Assert.False(set.Cases[2].Answerable);
        Assert.Empty(set.Cases[0].Context);
    }

    public static TheoryData<string, string> BadLines => new()
    {
        { "{not json", "not valid JSON" },
        { "[1,2]", "expected a JSON object, found an array" },
        { """{"question":"q?","expected":[["a"]],"sources":["d"]}""", "missing \"id\"" },
        { """{"id":"x","question":"  ","expected":[["a"]],"sources":["d"]}""", "\"question\" must be a non-empty string" },
        { """{"id":"x","question":"q?","expected":["a"],"sources":["d"]}""", "\"expected\" group 1 must be an array of alternative strings, found a string" },
        { """{"id":"x","question":"q?","expected":[["a"],[]],"sources":["d"]}""", "\"expected\" group 2 is empty" },
        { """{"id":"x","question":"q?","expected":[["a"]],"sources":"d"}""", "\"sources\" must be an array of strings" },
        { """{"id":"x","question":"q?","context":[1],"expected":[["a"]],"sources":["d"]}""", "\"context\" must hold only non-empty strings" },
        { """{"id":"x","question":"q?","expected":[["a"]],"sources":["d"],"answerable":"yes"}""", "\"answerable\" must be true or false" },
        { """{"id":"x","question":"q?","expected":[["a"]],"sources":[],"answerable":true}""", "needs at least one document id in \"sources\"" },
        { """{"id":"x","question":"q?","expected":[["a"]],"sources":["d"],"answerable":false}""", "must have empty \"expected\" and \"sources\"" },
    };

    [Theory]
    [MemberData(nameof(BadLines))]
    public void ABadLineIsReportedWithItsNumberAndSkipped(string badLine, string message)
    {
        var set = QuestionSetReader.Parse([Good1, badLine, Good2], "set.jsonl");

        Assert.Equal(["dev-01", "dev-17"], set.Cases.Select(c => c.Id));
        var error = Assert.Single(set.Errors);
        Assert.Equal(2, error.Line);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.StartsWith("line 2: ", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ADuplicateIdIsSkippedAndPointsAtTheFirst()
    {
        var set = QuestionSetReader.Parse([Good1, Good2, Good1], "set.jsonl");

        Assert.Equal(2, set.Cases.Count);
        var error = Assert.Single(set.Errors);
        Assert.Equal((3, "duplicate id \"dev-01\" (first on line 1)"), (error.Line, error.Message));
    }

    [Fact]
    public void AnswerableDefaultsFromExpectedWhenMissing()
    {
        var set = QuestionSetReader.Parse(
            ["""{"id":"a","question":"q?","expected":[["x"]],"sources":["d"]}""", """{"id":"b","question":"q?"}"""],
            "set.jsonl");

        Assert.Empty(set.Errors);
        Assert.True(set.Cases[0].Answerable);
        Assert.False(set.Cases[1].Answerable);
    }

    [Fact]
    public async Task ReadsAFileWithAByteOrderMarkAndWindowsLineEndings()
    {
        var path = Path.Combine(Path.GetTempPath(), $"qabot-set-{Guid.NewGuid():N}.jsonl");
        await File.WriteAllTextAsync(path, "\uFEFF" + Good1 + "\r\n" + Unanswerable + "\r\n\r\n", new System.Text.UTF8Encoding(true));
        try
        {
            var set = await QuestionSetReader.ReadFileAsync(path);

            Assert.Empty(set.Errors);
            Assert.Equal(["dev-01", "dev-12"], set.Cases.Select(c => c.Id));
            Assert.Equal(path, set.Source);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
