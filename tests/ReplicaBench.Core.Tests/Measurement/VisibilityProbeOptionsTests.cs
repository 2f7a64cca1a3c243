using ReplicaBench.Measurement;

namespace ReplicaBench.Tests.Measurement;

/// <summary>Probe settings are checked before anything is written, with messages that name the option.</summary>
public sealed class VisibilityProbeOptionsTests
{
    [Theory]
    [InlineData(0, "--samples 0 is out of range")]
    [InlineData(-5, "--samples -5 is out of range")]
    [InlineData(VisibilityProbeOptions.MaxSamples + 1, "--samples 1000001 is out of range")]
    public void Sample_counts_outside_the_range_are_bad_input(int samples, string expected)
    {
        var error = Assert.Throws<BadInputException>(() => new VisibilityProbeOptions { Samples = samples }.Validate());

        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_zero_timeout_and_a_negative_spacing_are_bad_input()
    {
        Assert.Throws<BadInputException>(() => new VisibilityProbeOptions { Timeout = TimeSpan.Zero }.Validate());
        Assert.Throws<BadInputException>(() => new VisibilityProbeOptions { Spacing = TimeSpan.FromMilliseconds(-1) }.Validate());
    }

    [Fact]
    public void Poll_intervals_must_be_positive_and_ordered()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new VisibilityProbeOptions { MinPollInterval = TimeSpan.Zero }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new VisibilityProbeOptions { MaxPollInterval = TimeSpan.FromMicroseconds(50) }.Validate());
    }

    [Fact]
    public void The_defaults_are_valid_and_poll_at_a_resolution_far_below_the_delays_tested()
    {
        var options = new VisibilityProbeOptions();

        options.Validate();
        Assert.Equal(100, options.Samples);
        Assert.True(options.MinPollInterval < TimeSpan.FromMilliseconds(0.5), "an idle replica's sub-millisecond delay needs sub-millisecond polls");
        Assert.True(options.MaxPollInterval <= TimeSpan.FromMilliseconds(1));
    }

    [Fact]
    public void A_topology_without_replicas_cannot_be_probed()
    {
        var error = Assert.Throws<BadInputException>(() => new VisibilityProbe(UnreachableTopology.Create(replicas: 0)));

        Assert.Contains("has no replicas", error.Message, StringComparison.Ordinal);
        Assert.Contains("--replicas", error.Message, StringComparison.Ordinal);
    }
}
