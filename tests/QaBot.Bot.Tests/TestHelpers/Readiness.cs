namespace QaBot.Bot.Tests.TestHelpers;

/// <summary>Waits (bounded) until the bot's /readyz says it has its index.</summary>
public static class Readiness
{
    public static async Task WaitAsync(HttpClient client, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            using var response = await client.GetAsync(new Uri("readyz", UriKind.Relative));
            if (response.IsSuccessStatusCode)
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"The bot was not ready within {timeout}.");
    }
}
