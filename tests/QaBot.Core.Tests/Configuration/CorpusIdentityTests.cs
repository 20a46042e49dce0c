using QaBot.Core.Configuration;

namespace QaBot.Core.Tests.Configuration;

public sealed class CorpusIdentityTests
{
    private static readonly QaBotRoot Root = new("/srv/qabot");

    [Fact]
    public void ACorpusInsideTheRootIsKnownByItsRelativePathWhateverWayItIsWritten()
    {
        var relative = new CorpusOptions { Path = "seeds" };
        var absolute = new CorpusOptions { Path = "/srv/qabot/seeds/" };

        Assert.Equal("seeds", CorpusIdentity.KeyOf(Root, relative));
        Assert.Equal("seeds", CorpusIdentity.KeyOf(Root, absolute));
        Assert.Equal(CorpusIdentity.DatabasePathFor(Root, relative), CorpusIdentity.DatabasePathFor(Root, absolute));
        Assert.Matches("^data/corpora/seeds-[0-9a-f]{8}\\.db$", CorpusIdentity.DatabasePathFor(Root, relative));
    }

    [Fact]
    public void FoldersWithTheSameNameInDifferentPlacesGetDifferentDatabases()
    {
        var inside = new CorpusOptions { Path = "news" };
        var outside = new CorpusOptions { Path = "/home/ann/Archive 1987/news" };

        Assert.Equal("/home/ann/Archive 1987/news", CorpusIdentity.KeyOf(Root, outside));
        Assert.NotEqual(CorpusIdentity.DatabasePathFor(Root, inside), CorpusIdentity.DatabasePathFor(Root, outside));
        Assert.StartsWith("data/corpora/news-", CorpusIdentity.DatabasePathFor(Root, outside), StringComparison.Ordinal);
    }

    [Fact]
    public void ANamedCorpusIsKnownByItsName()
    {
        var named = new CorpusOptions { Path = "/mnt/feeds/today", Name = "wire" };

        Assert.Equal("name:wire", CorpusIdentity.KeyOf(Root, named));
        Assert.Equal("data/corpora/wire.db", CorpusIdentity.DatabasePathFor(Root, named));
    }

    [Fact]
    public void AFolderNameWithoutLettersOrDigitsStillGivesAFileName() =>
        Assert.StartsWith("data/corpora/corpus-", CorpusIdentity.DatabasePathFor(Root, new CorpusOptions { Path = "/data/ÉÉ" }), StringComparison.Ordinal);
}
