namespace ReplicaBench.Tests.Engine.Telemetry;

/// <summary>Tests that read <c>ReplicaLagReadings.Shared</c>, which every load run in the process writes: run alone, not beside other classes.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SharedLagReadingsCollection
{
    public const string Name = "shared lag readings";
}
