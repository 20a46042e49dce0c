using Microsoft.Extensions.Options;
using QaBot.Bot.Channel;

namespace QaBot.Bot.Tests.Channel;

public sealed class ServiceUrlPolicyTests
{
    [Theory]
    [InlineData("http://127.0.0.1:3000", false, true)]
    [InlineData("http://localhost:3000/", false, true)]
    [InlineData("http://[::1]:3000/", false, true)]
    [InlineData("https://smba.trafficmanager.net/emea/", false, false)]
    [InlineData("https://smba.trafficmanager.net/emea/", true, true)]
    [InlineData("https://directline.botframework.com/", true, true)]
    [InlineData("https://webchat.botframework.com/", true, true)]
    [InlineData("http://directline.botframework.com/", true, false)]
    [InlineData("https://botframework.com.attacker.example/", true, false)]
    [InlineData("https://attackerbotframework.com/", true, false)]
    [InlineData("https://attacker.trafficmanager.net/", true, false)]
    [InlineData("https://smba.infra.gcc.teams.microsoft.com/", true, true)]
    [InlineData("https://169.254.169.254/latest/meta-data", true, false)]
    [InlineData("http://127.0.0.1:3000", true, false)]
    [InlineData("ftp://127.0.0.1/", false, false)]
    [InlineData("file:///etc/passwd", false, false)]
    [InlineData("http://user:pw@127.0.0.1/", false, false)]
    [InlineData("not a url", false, false)]
    [InlineData("", false, false)]
    public void OnlyBotFrameworkHostsOrLoopbackWhenAnonymousAreAllowed(string serviceUrl, bool authenticated, bool allowed)
    {
        var options = new BotChannelOptions { MicrosoftAppId = authenticated ? "app" : null, MicrosoftAppPassword = "x" };
        var policy = new ServiceUrlPolicy(Options.Create(options));

        Assert.Equal(allowed, policy.IsAllowed(serviceUrl));
    }
}
