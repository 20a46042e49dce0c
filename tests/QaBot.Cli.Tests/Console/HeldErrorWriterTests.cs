using QaBot.Cli.Console;

namespace QaBot.Cli.Tests.Console;

/// <summary>Log lines written while the index progress bar draws wait until it is done, in order, and none is lost.</summary>
public sealed class HeldErrorWriterTests
{
    [Fact]
    public void WritesDuringAHoldComeOutWhenItEndsInOrder()
    {
        var inner = new StringWriter();
        var writer = new HeldErrorWriter(inner);

        writer.WriteLine("before");
        using (writer.Hold())
        {
            writer.WriteLine("warn: during 1");
            using (writer.Hold())
            {
                writer.Write("warn: during 2".ToCharArray(), 0, 14);
                writer.Write('\n');
            }

            Assert.Equal("before" + Environment.NewLine, inner.ToString());
        }

        writer.WriteLine("after");
        Assert.Equal($"before{Environment.NewLine}warn: during 1{Environment.NewLine}warn: during 2\nafter{Environment.NewLine}", inner.ToString());
    }
}
