namespace ReplicaBench.IntegrationTests.Load;

/// <summary>The classes that read the one <see cref="ReadOnlyRoundRobinRun"/>.</summary>
[CollectionDefinition(ReadOnlyRoundRobinRun.Collection)]
public sealed class ReadOnlyRoundRobinRunCollection : ICollectionFixture<ReadOnlyRoundRobinRun>;
