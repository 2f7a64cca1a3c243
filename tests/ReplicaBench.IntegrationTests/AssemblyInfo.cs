using ReplicaBench.IntegrationTests.Infrastructure;

// One topology for every test that can share it. Tests run one at a time (xunit.runner.json) because they
// measure timing on a 2-core machine where parallel servers would distort each other.
[assembly: AssemblyFixture(typeof(SharedTopologyFixture))]
