using ReplicaBench.Engine;
using ReplicaBench.Topology;

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
