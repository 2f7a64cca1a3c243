using ReplicaBench.Engine;
using ReplicaBench.Topology;
using ReplicaBench.Topology.Emulation;

namespace ReplicaBench.Tests.Topology;

public sealed class TopologyStateDirectoryTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Writes_topology_json_readable_only_by_its_owner_and_reads_it_back()
    {
        var dir = new TopologyStateDirectory(_temp.Combine("state"));
        dir.EnsureWritable();
        var topology = Sample();

        dir.Write(topology);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(dir.TopologyFile));
        var read = dir.Read();
        Assert.Equal(topology.Nodes, read.Nodes);
        Assert.Equal("replica1", read.Replicas.Single().Name);
        Assert.Equal("primary", read.Primary.Name);
        var json = File.ReadAllText(dir.TopologyFile);
        Assert.Contains("\"role\": \"primary\"", json, StringComparison.Ordinal);
        Assert.Contains("\"connectionString\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void The_emulated_node_sizes_and_cgroups_round_trip_through_topology_json()
    {
        var dir = new TopologyStateDirectory(_temp.Combine("state"));
        dir.EnsureWritable();
        var group = new NodeCgroup(CgroupVersion.V1, "/sys/fs/cgroup/cpu/replicabench-1a2b3c4d-primary", "/sys/fs/cgroup/cpuacct/replicabench-1a2b3c4d-primary", null);
        var emulation = new NodeEmulation("primary=0.6", null, [new EmulatedNode("primary", 0.6, null, group)]);

        dir.Write(Sample() with { Emulation = emulation });

        var read = dir.Read().Emulation!;
        Assert.Equal("primary=0.6", read.Cpus);
        Assert.Equal(new EmulatedNode("primary", 0.6, null, group), read.Nodes.Single());
        Assert.Contains("\"version\": \"v1\"", File.ReadAllText(dir.TopologyFile), StringComparison.Ordinal);
    }

    [Fact]
    public void A_topology_json_written_before_emulated_nodes_still_reads()
    {
        var dir = new TopologyStateDirectory(_temp.Path);
        File.WriteAllText(dir.TopologyFile, """
            {
              "schemaVersion": 1,
              "provider": "local",
              "createdAt": "2026-11-27T12:00:00+00:00",
              "nodes": [ { "name": "primary", "role": "primary", "host": "127.0.0.1", "port": 5432, "connectionString": "Host=127.0.0.1" } ],
              "local": { "dataRoot": "/tmp/replicabench-1a2b3c4d", "binDirectory": "/usr/lib/postgresql/15/bin", "osUser": "postgres", "postmasterPids": { "primary": 42 } }
            }
            """);

        var read = dir.Read();

        Assert.Null(read.Emulation);
        Assert.Equal(42, read.Local!.PostmasterPids["primary"]);
    }

    [Fact]
    public void Reading_an_empty_state_dir_says_how_to_start_a_topology()
    {
        var ex = Assert.Throws<BadInputException>(() => new TopologyStateDirectory(_temp.Path).Read());
        Assert.Contains("no topology is up", ex.Message, StringComparison.Ordinal);
        Assert.Contains("topology up", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_corrupt_file_is_named_with_the_line_where_it_breaks()
    {
        var dir = new TopologyStateDirectory(_temp.Path);
        File.WriteAllText(dir.TopologyFile, "{\n \"provider\": \"local\",\n \"nodes\": [ {");
        var ex = Assert.Throws<BadInputException>(dir.Read);
        Assert.Contains(dir.TopologyFile, ex.Message, StringComparison.Ordinal);
        Assert.Contains("line 3", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_newer_schema_version_is_refused()
    {
        var dir = new TopologyStateDirectory(_temp.Path);
        dir.Write(Sample() with { SchemaVersion = TopologyDescriptor.CurrentSchemaVersion + 1 });
        var ex = Assert.Throws<BadInputException>(dir.Read);
        Assert.Contains("newer than this ReplicaBench understands", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unwritable_state_dir_is_bad_input()
    {
        var file = _temp.Combine("a-file");
        File.WriteAllText(file, string.Empty);
        var ex = Assert.Throws<BadInputException>(() => new TopologyStateDirectory(System.IO.Path.Combine(file, "state")).EnsureWritable());
        Assert.Contains("--state-dir", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_state_dir_follows_the_environment_variable()
    {
        var previous = Environment.GetEnvironmentVariable(TopologyStateDirectory.EnvironmentVariable);
        try
        {
            Environment.SetEnvironmentVariable(TopologyStateDirectory.EnvironmentVariable, _temp.Path);
            Assert.Equal(_temp.Path, TopologyStateDirectory.Default().Path);
            Assert.Equal(_temp.Path, TopologyStateDirectory.FromOption(null).Path);
        }
        finally
        {
            Environment.SetEnvironmentVariable(TopologyStateDirectory.EnvironmentVariable, previous);
        }
    }

    private static TopologyDescriptor Sample() => new()
    {
        Provider = "local",
        CreatedAt = new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero),
        ServerVersion = "15.18",
        Nodes =
        [
            new TopologyNode("primary", NodeRole.Primary, "127.0.0.1", 5432, "Host=127.0.0.1;Port=5432;Password=s3cret"),
            new TopologyNode("replica1", NodeRole.Replica, "127.0.0.1", 5433, "Host=127.0.0.1;Port=5433;Password=s3cret", 100),
        ],
    };
}
