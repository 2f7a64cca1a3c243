using ReplicaBench.Topology;
using ReplicaBench.Topology.Containers;

namespace ReplicaBench.Tests.Topology.Containers;

public sealed class ContainerStartErrorsTests
{
    [Theory]
    [InlineData("unable to find user postgres: no matching entries in passwd file", "no 'postgres' user")]
    [InlineData("OCI runtime create failed: exec: \"/bin/sh\": stat /bin/sh: no such file or directory: unknown", "no /bin/sh")]
    public void An_image_that_cannot_run_postgresql_is_bad_input_naming_the_image(string dockerMessage, string reason)
    {
        var ex = ContainerStartErrors.FromDocker("busybox:1", imageWasLocal: true, "primary", dockerMessage);

        var bad = Assert.IsType<BadInputException>(ex);
        Assert.Contains("image 'busybox:1'", bad.Message, StringComparison.Ordinal);
        Assert.Contains(reason, bad.Message, StringComparison.Ordinal);
        Assert.Contains("--image", bad.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_image_that_could_not_be_pulled_says_so_and_how_to_fix_it()
    {
        var ex = ContainerStartErrors.FromDocker("nosuch/pg:15", imageWasLocal: false, "primary", "pull access denied for nosuch/pg");

        var bad = Assert.IsType<BadInputException>(ex);
        Assert.Contains("could not be pulled (pull access denied for nosuch/pg)", bad.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Another_docker_failure_with_a_local_image_is_a_topology_failure()
    {
        var ex = ContainerStartErrors.FromDocker("postgres:15", imageWasLocal: true, "replica1", "no space left on device");

        Assert.IsType<TopologyException>(ex);
        Assert.Equal("replica1 container did not start: no space left on device", ex.Message);
    }

    [Fact]
    public void The_script_marker_for_missing_binaries_becomes_bad_input()
    {
        var log = $"some output\n{ContainerEntryScript.NoServerBinariesMarker} (initdb, postgres, pg_basebackup)\n";

        var ex = ContainerStartErrors.FromExit("debian:12", "primary", ContainerEntryScript.NoServerBinariesExitCode, log);

        var bad = Assert.IsType<BadInputException>(ex);
        Assert.Contains("no PostgreSQL server binaries", bad.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_container_whose_entry_script_cannot_run_is_an_image_without_a_shell()
    {
        var ex = ContainerStartErrors.FromExit("scratch-app:1", "primary", 1, "exec /bin/sh: no such file or directory\n");

        var bad = Assert.IsType<BadInputException>(ex);
        Assert.Contains("it has no /bin/sh", bad.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_server_that_exits_reports_its_last_log_lines_on_one_line()
    {
        var log = "a\nb\nFATAL:  could not bind IPv4 address \"127.0.0.1\": Address in use\nLOG:  database system is shut down\n";

        var ex = ContainerStartErrors.FromExit("postgres:15", "replica2", 1, log);

        Assert.IsType<TopologyException>(ex);
        Assert.Equal(
            "replica2 container exited with code 1 before accepting connections: b | FATAL:  could not bind IPv4 address \"127.0.0.1\": Address in use | LOG:  database system is shut down",
            ex.Message);
    }
}
