using ReplicaBench.Engine;
using ReplicaBench.Workload;
using ReplicaBench.Workload.VirtualUsers;

namespace ReplicaBench.Tests.Workload;

/// <summary>How a workload outcome becomes the staleness observation the engine counts.</summary>
public sealed class WorkloadStalenessTests
{
    private static readonly PlannedOperation PointRead = new(WorkloadOperation.PointRead, 7);

    [Fact]
    public void A_fresh_read_of_a_key_nobody_in_the_session_wrote_is_checked_for_staleness_only()
    {
        var observation = WorkloadVirtualUser.Staleness(PointRead, Read(staleRows: 0, ownRows: false, violation: false));

        Assert.Equal((true, false, false, false), Flags(observation));
    }

    [Fact]
    public void A_read_that_kept_its_own_write_counts_as_a_read_your_writes_check()
    {
        var observation = WorkloadVirtualUser.Staleness(PointRead, Read(staleRows: 0, ownRows: true, violation: false));

        Assert.Equal((true, false, true, false), Flags(observation));
    }

    [Fact]
    public void A_read_that_missed_its_own_write_is_a_stale_read_and_a_violation()
    {
        var observation = WorkloadVirtualUser.Staleness(PointRead, Read(staleRows: 0, ownRows: true, violation: true));

        Assert.Equal((true, true, true, true), Flags(observation));
    }

    [Fact]
    public void A_write_is_not_checked_at_all()
    {
        var write = new OperationOutcome(WorkloadOperation.Update, 7, 1, 0, 0, false, false, 0x1000);

        var observation = WorkloadVirtualUser.Staleness(new PlannedOperation(WorkloadOperation.Update, 7), write);

        Assert.Equal((false, false, false, false), Flags(observation));
    }

    private static OperationOutcome Read(int staleRows, bool ownRows, bool violation) =>
        new(WorkloadOperation.PointRead, 7, 1, staleRows, 0, ownRows, violation, 0);

    private static (bool Checked, bool Stale, bool ReadYourWritesChecked, bool Violation) Flags(StalenessObservation observation) =>
        (observation.IsChecked, observation.IsStale, observation.IsReadYourWritesChecked, observation.IsReadYourWritesViolation);
}
