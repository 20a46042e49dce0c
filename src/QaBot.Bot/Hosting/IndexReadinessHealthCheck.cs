using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace QaBot.Bot.Hosting;

/// <summary>
/// /readyz: healthy once the index is loaded; degraded (503) while indexing; unhealthy (503) when indexing
/// failed or a query found the store unreadable. In the last case each check may probe the store (at most
/// one probe at a time and one per <see cref="IndexStoreProbe.MinimumInterval"/>), so the bot becomes
/// ready again once the index is rebuilt or repaired, without a restart.
/// </summary>
public sealed class IndexReadinessHealthCheck(IndexReadiness readiness, IndexStoreProbe probe) : IHealthCheck
{
    public const string Tag = "ready";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (readiness.IsUnreadable)
        {
            await probe.ProbeIfDueAsync(cancellationToken).ConfigureAwait(false);
        }

        return readiness.IsReady
            ? HealthCheckResult.Healthy(readiness.Status)
            : readiness.IsUnavailable
                ? HealthCheckResult.Unhealthy(readiness.Status)
                : HealthCheckResult.Degraded(readiness.Status);
    }
}
