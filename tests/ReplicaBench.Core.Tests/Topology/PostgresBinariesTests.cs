using ReplicaBench.Topology.Local;

namespace ReplicaBench.Tests.Topology;

public sealed class PostgresBinariesTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Prefers_PG_BIN_over_PATH_and_the_distro_folder()
    {
        var pgBin = MakeBinDir("custom");
        var onPath = MakeBinDir("onpath");
        MakeBinDir("distro", "15", "bin");

        var found = PostgresBinaries.Locate(pgBin, onPath, _temp.Combine("distro"));

        Assert.Equal(pgBin, found.Directory);
        Assert.Equal("PG_BIN", found.Source);
    }

    [Fact]
    public void Uses_the_first_PATH_entry_that_has_every_tool()
    {
        var partial = _temp.Combine("partial");
        Directory.CreateDirectory(partial);
        File.WriteAllText(System.IO.Path.Combine(partial, "pg_ctl"), string.Empty);
        var complete = MakeBinDir("complete");

        var found = PostgresBinaries.Locate(null, partial + System.IO.Path.PathSeparator + complete, _temp.Combine("none"));

        Assert.Equal(complete, found.Directory);
        Assert.Equal("PATH", found.Source);
    }

    [Fact]
    public void Falls_back_to_the_newest_major_version_in_the_distro_folder()
    {
        MakeBinDir("distro", "9", "bin");
        var newest = MakeBinDir("distro", "16", "bin");
        MakeBinDir("distro", "15", "bin");

        var found = PostgresBinaries.Locate(null, string.Empty, _temp.Combine("distro"));

        Assert.Equal(newest, found.Directory);
    }

    [Fact]
    public void Says_what_to_install_when_nothing_is_found()
    {
        var ex = Assert.Throws<BadInputException>(() => PostgresBinaries.Locate(null, _temp.Path, _temp.Combine("none")));
        Assert.Contains("apt-get install postgresql", ex.Message, StringComparison.Ordinal);
        Assert.Contains("PG_BIN", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_a_PG_BIN_that_lacks_the_server_tools()
    {
        var ex = Assert.Throws<BadInputException>(() => PostgresBinaries.Locate(_temp.Path, null, _temp.Combine("none")));
        Assert.StartsWith($"PG_BIN={_temp.Path}", ex.Message, StringComparison.Ordinal);
    }

    private string MakeBinDir(params string[] parts)
    {
        var dir = _temp.Combine(parts);
        Directory.CreateDirectory(dir);
        foreach (var tool in PostgresBinaries.RequiredTools)
        {
            File.WriteAllText(System.IO.Path.Combine(dir, tool), string.Empty);
        }

        return dir;
    }
}
