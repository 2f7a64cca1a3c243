using ReplicaBench.Routing;

namespace ReplicaBench.Runs;

/// <summary>
/// The router's warning once the replica monitor has had time to feed the board. The board
/// starts empty and the first lag sample lands within milliseconds, so a policy that routes by
/// lag would otherwise warn "no replica lag has been sampled" at the start of every cell. A
/// warning that cannot clear (no replicas) is returned at once; one that outlasts the patience
/// is real.
/// </summary>
internal static class RouterWarningWait
{
    /// <summary>How long a cell waits for the replica monitor's first samples before it repeats the router's warning.</summary>
    private static readonly TimeSpan WarningPatience = TimeSpan.FromSeconds(2);

    internal static async Task<string?> SettledAsync(Router router, int replicas, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var deadline = timeProvider.GetTimestamp() + (long)(WarningPatience.TotalSeconds * timeProvider.TimestampFrequency);
        while (router.Warning is { } warning)
        {
            if (replicas == 0 || timeProvider.GetTimestamp() >= deadline)
            {
                return warning;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), timeProvider, cancellationToken);
        }

        return null;
    }
}
