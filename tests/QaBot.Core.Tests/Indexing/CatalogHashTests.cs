using QaBot.Core.Indexing;
using QaBot.Core.Ingestion;

namespace QaBot.Core.Tests.Indexing;

public sealed class CatalogHashTests
{
    private const string Sha = "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0";
    private const string Signature = "sentences-v3/800/100";
    private static readonly FileStamp Stamp = new(1234, 638_000_000_000_000_000);

    [Fact]
    public void AKnownStampIsTaggedAfterTheSignature()
    {
        Assert.Equal($"{Sha}/{Signature}/file:1234:638000000000000000", CatalogHash.Format(Sha, Signature, Stamp));
        Assert.Equal($"{Sha}/{Signature}", CatalogHash.Format(Sha, Signature, null));
    }

    public static TheoryData<string, string, bool> SameFileCases => new()
    {
        { $"{Sha}/{Signature}/file:1234:638000000000000000", Signature, true },
        { $"{Sha}/{Signature}/file:1235:638000000000000000", Signature, false },
        { $"{Sha}/{Signature}/file:1234:638000000000000001", Signature, false },
        { $"{Sha}/{Signature}/file:1234:638000000000000000", "sentences-v3/800/120", false },
        { $"{Sha}/{Signature}", Signature, false },
        { $"{Sha}/sentences-v3/800/100/1234/638000000000000000", Signature, false },
        { "", Signature, false },
    };

    [Theory]
    [MemberData(nameof(SameFileCases))]
    public void AFileCountsAsUnreadUnchangedOnlyWithItsExactStampAndSignature(string stored, string signature, bool expected) =>
        Assert.Equal(expected, CatalogHash.IsSameFile(stored, signature, Stamp));

    public static TheoryData<string, string, string, bool> SameContentCases => new()
    {
        { $"{Sha}/{Signature}", Sha, Signature, true },
        { $"{Sha.ToUpperInvariant()}/{Signature}", Sha, Signature, true },
        { $"{Sha}/{Signature}/file:1:2", Sha, Signature, true },
        { $"{Sha}/{Signature}/file:1:2", Sha.Replace('0', '1'), Signature, false },
        { $"{Sha}/{Signature}", Sha, "sentences-v3/800", false },
        { $"{Sha}/{Signature}", Sha, "sentences-v3", false },
        { $"{Sha}/{Signature}/file:x:2", Sha, Signature, false },
        { $"{Sha}/{Signature}/extra", Sha, Signature, false },
    };

    [Theory]
    [MemberData(nameof(SameContentCases))]
    public void ContentCountsAsUnchangedWithTheSameHashAndSignatureWhateverTheStamp(string stored, string sha, string signature, bool expected) =>
        Assert.Equal(expected, CatalogHash.IsSameContent(stored, sha, signature));
}
