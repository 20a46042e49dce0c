using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace QaBot.Bot.Hosting;

/// <summary>/readyz: healthy once the index is loaded.</summary>
public sealed class IndexReadinessHealthCheck(IndexReadiness readiness) : IHealthCheck
{
    public const string Tag = "ready";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(readiness.IsReady
            ? HealthCheckResult.Healthy(readiness.Status)
            : HealthCheckResult.Unhealthy(readiness.Status));
}
