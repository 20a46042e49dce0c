namespace QaBot.Core.Tests.TestHelpers;

/// <summary>A clock that always says the same instant, in UTC.</summary>
public sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
}
