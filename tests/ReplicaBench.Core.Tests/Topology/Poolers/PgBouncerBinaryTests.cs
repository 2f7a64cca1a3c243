using ReplicaBench.Topology.Local;

namespace ReplicaBench.Tests.Topology.Poolers;

public sealed class PgBouncerBinaryTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Not_installed_says_which_package_to_install()
    {
        var ex = Assert.Throws<BadInputException>(() => PgBouncerBinary.Locate(null, _temp.Path, Path.Combine(_temp.Path, "sbin", "pgbouncer")));

        Assert.Contains("apt-get install pgbouncer", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public void Finds_it_on_the_path_before_the_distribution_s_place()
    {
        var onPath = Executable("bin");
        var distro = Executable("sbin");

        Assert.Equal(onPath, PgBouncerBinary.Locate(null, Path.GetDirectoryName(onPath), distro));
        Assert.Equal(distro, PgBouncerBinary.Locate(null, "/nonexistent", distro));
    }

    [Fact]
    public void An_explicit_path_that_is_not_executable_is_refused()
    {
        var ex = Assert.Throws<BadInputException>(() => PgBouncerBinary.Locate("/nonexistent/pgbouncer", null, "/nonexistent/sbin/pgbouncer"));

        Assert.StartsWith("REPLICABENCH_PGBOUNCER=/nonexistent/pgbouncer is not an executable pgbouncer", ex.Message, StringComparison.Ordinal);
    }

    private string Executable(string folder)
    {
        var path = Path.Combine(_temp.Path, folder, "pgbouncer");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "#!/bin/sh\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        return path;
    }
}
