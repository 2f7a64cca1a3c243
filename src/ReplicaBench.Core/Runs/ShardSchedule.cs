namespace ReplicaBench.Runs;

/// <summary>
/// When each cell of a sharded matrix starts its load (warm-up included), the same instant on
/// every shard, computed from <c>--start-at</c> and the cell plan alone.
/// </summary>
/// <remarks>
/// Cell k starts at T + Σⱼ₍ⱼ₋ₖ₎ (warm-upⱼ + duration + gap), where T is <c>--start-at</c>, warm-upⱼ
/// includes the first cell's extra warm-up, and the gap (<see cref="LoadMatrixSettings.ShardCellGap"/>)
/// leaves room for what happens between two cells: the drain of the last operations, the
/// visibility probe's last markers, the catch-up wait for the replicas and the new router's
/// settling. Planning from the settings rather than chaining from when the previous cell ended is
/// what keeps shards aligned: a shard that ended a cell a little late (a slow drain, a longer
/// catch-up) still starts the next one at the planned instant, so the per-second series of all
/// shards stay on the same seconds cell after cell, and no drift accumulates. Each shard creates
/// its virtual users before the instant and waits (<see cref="Engine.LoadRunOptions.StartAt"/>),
/// so connection set-up is not part of the difference either. A shard that reaches a cell after
/// its instant (the gap was too short, e.g. a catch-up hit its timeout) starts at once and says
/// so; results.json records both instants (run.shard.cellStarts).
/// </remarks>
internal static class ShardSchedule
{
    /// <summary>The planned start of cell <paramref name="index"/> (0-based, in matrix order); null when the run is not sharded.</summary>
    public static DateTimeOffset? PlannedStart(LoadMatrixSettings settings, int index)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Shard is not { } shard)
        {
            return null;
        }

        var start = shard.StartAt;
        for (var cell = 0; cell < index; cell++)
        {
            start += WarmUpOf(settings, cell) + settings.Duration + settings.ShardCellGap;
        }

        return start;
    }

    /// <summary>Cell <paramref name="index"/>'s warm-up: the first cell's also warms the load generator.</summary>
    public static TimeSpan WarmUpOf(LoadMatrixSettings settings, int index) =>
        settings.WarmUp + (index == 0 ? settings.FirstCellExtraWarmUp : TimeSpan.Zero);
}
