using ReplicaBench.Benchmarks.Routing.Overhead;

namespace ReplicaBench.Benchmarks.Tests;

/// <summary>The routing-overhead step is selected by the same globs as a benchmark of that full name.</summary>
public sealed class RoutingOverheadSelectionTests
{
    [Theory]
    [InlineData("*", true)]
    [InlineData("*Routing*", true)]
    [InlineData("*routingoverhead*", true)]
    [InlineData("ReplicaBench.Benchmarks.Routing.RoutingOverhead", true)]
    [InlineData("*Connection*", false)]
    [InlineData("*RoutedPointRead*", false)]
    public void A_glob_selects_the_step_when_it_matches_its_full_name(string filter, bool selected) =>
        Assert.Equal(selected, RoutingOverheadSelection.IsSelected([filter]));
}
