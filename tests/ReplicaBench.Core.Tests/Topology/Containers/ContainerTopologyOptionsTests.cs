using ReplicaBench.Topology.Containers;

namespace ReplicaBench.Tests.Topology.Containers;

public sealed class ContainerTopologyOptionsTests
{
    [Theory]
    [InlineData("host", ContainerNetworkMode.Host)]
    [InlineData("bridge", ContainerNetworkMode.Bridge)]
    [InlineData(" Host ", ContainerNetworkMode.Host)]
    public void Parses_the_network_modes(string text, ContainerNetworkMode expected) =>
        Assert.Equal(expected, ContainerTopologyOptions.ParseNetwork(text));

    [Fact]
    public void An_unknown_network_mode_names_the_value_and_the_choices()
    {
        var ex = Assert.Throws<BadInputException>(() => ContainerTopologyOptions.ParseNetwork("overlay"));

        Assert.Contains("'overlay'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("host", ex.Message, StringComparison.Ordinal);
        Assert.Contains("bridge", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Theory]
    [InlineData("postgres:15")]
    [InlineData("postgres")]
    [InlineData("replicabench/postgres:15-bookworm-r1")]
    [InlineData("registry.example.com:5000/team/pg:15.8")]
    [InlineData("postgres@sha256:0123456789abcdef")]
    public void Accepts_image_references(string image) =>
        Assert.Equal(image, new ContainerTopologyOptions(image, ContainerNetworkMode.Host).Image);

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("postgres 15")]
    [InlineData("--rm")]
    [InlineData("postgres:")]
    [InlineData("postgres;rm")]
    public void Rejects_what_is_not_an_image_reference(string image)
    {
        var ex = Assert.Throws<BadInputException>(() => new ContainerTopologyOptions(image, ContainerNetworkMode.Host));

        Assert.StartsWith("--image", ex.Message, StringComparison.Ordinal);
        Assert.Contains(ContainerTopologyOptions.DefaultImage, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_given_on_the_command_line_win_over_the_defaults()
    {
        var options = ContainerTopologyOptions.FromOptions("my/pg:15", "bridge");

        Assert.Equal("my/pg:15", options.Image);
        Assert.Equal(ContainerNetworkMode.Bridge, options.Network);
    }

    [Fact]
    public void The_default_image_is_the_official_one_at_a_pinned_major_version() =>
        Assert.Equal("postgres:15", ContainerTopologyOptions.DefaultImage);

    [Fact]
    public void Host_networking_is_the_default_on_linux()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "the default differs off Linux");
        Assert.Equal(ContainerNetworkMode.Host, ContainerTopologyOptions.DefaultNetwork);
    }
}
