namespace ReplicaBench.Engine.Recording;

/// <summary>
/// The counts kept per cell (operation × node) by a <see cref="RecordingSlab"/> and summed by an
/// <see cref="IntervalAggregate"/>: outcomes, staleness checks and read-your-writes checks.
/// </summary>
internal sealed class CellCounts(int cells)
{
    public long[] Succeeded { get; } = new long[cells];

    public long[] Failed { get; } = new long[cells];

    /// <summary>Reads whose staleness was checked: the denominator of the stale-read rate.</summary>
    public long[] StaleChecked { get; } = new long[cells];

    public long[] Stale { get; } = new long[cells];

    /// <summary>Reads of the session's own writes: the denominator of read-your-writes violations.</summary>
    public long[] ReadYourWritesChecked { get; } = new long[cells];

    public long[] ReadYourWritesViolations { get; } = new long[cells];

    /// <summary>True when the cell saw any operation or staleness check.</summary>
    public bool HasData(int cell) => Succeeded[cell] + Failed[cell] + StaleChecked[cell] > 0;

    public void Add(CellCounts other)
    {
        for (var cell = 0; cell < Succeeded.Length; cell++)
        {
            Succeeded[cell] += other.Succeeded[cell];
            Failed[cell] += other.Failed[cell];
            StaleChecked[cell] += other.StaleChecked[cell];
            Stale[cell] += other.Stale[cell];
            ReadYourWritesChecked[cell] += other.ReadYourWritesChecked[cell];
            ReadYourWritesViolations[cell] += other.ReadYourWritesViolations[cell];
        }
    }

    public void Clear()
    {
        Array.Clear(Succeeded);
        Array.Clear(Failed);
        Array.Clear(StaleChecked);
        Array.Clear(Stale);
        Array.Clear(ReadYourWritesChecked);
        Array.Clear(ReadYourWritesViolations);
    }
}
