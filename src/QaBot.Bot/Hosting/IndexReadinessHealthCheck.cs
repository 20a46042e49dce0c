using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace QaBot.Bot.Hosting;

/// <summary>/readyz: healthy once the index is loaded; degraded (503, logged as a warning) while indexing; unhealthy when indexing failed.</summary>
public sealed class IndexReadinessHealthCheck(IndexReadiness readiness) : IHealthCheck
{
    public const string Tag = "ready";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(readiness.IsReady
            ? HealthCheckResult.Healthy(readiness.Status)
            : readiness.Status.StartsWith("failed", StringComparison.Ordinal)
                ? HealthCheckResult.Unhealthy(readiness.Status)
                : HealthCheckResult.Degraded(readiness.Status));
}
