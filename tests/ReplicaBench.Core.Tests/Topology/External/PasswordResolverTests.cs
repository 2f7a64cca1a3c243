using ReplicaBench.Topology.External;

namespace ReplicaBench.Tests.Topology.External;

/// <summary>Where the password comes from: REPLICABENCH_PASSWORD, PGPASSWORD, then a password file.</summary>
public sealed class PasswordResolverTests : IDisposable
{
    private static readonly ExternalEndpoint Endpoint = new("replica1", "db-r1.example.com", 5432);

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void REPLICABENCH_PASSWORD_wins_over_PGPASSWORD_and_the_password_file()
    {
        var environment = new FakeEnvironment(
            (PasswordResolver.PasswordVariable, "from-replicabench"),
            (PasswordResolver.LibpqPasswordVariable, "from-libpq"),
            (PasswordResolver.PassFileVariable, PassFile("*:*:*:*:from-file")));

        var password = Resolve(environment);

        Assert.Equal("from-replicabench", password?.Value);
        Assert.Equal(PasswordResolver.PasswordVariable, password?.Source);
    }

    [Fact]
    public void PGPASSWORD_wins_over_the_password_file()
    {
        var environment = new FakeEnvironment(
            (PasswordResolver.LibpqPasswordVariable, "from-libpq"),
            (PasswordResolver.PassFileVariable, PassFile("*:*:*:*:from-file")));

        Assert.Equal("from-libpq", Resolve(environment)?.Value);
    }

    [Fact]
    public void PGPASSFILE_is_matched_per_endpoint()
    {
        var environment = new FakeEnvironment((PasswordResolver.PassFileVariable, PassFile("db-r1.example.com:5432:app:bench:r1-secret\n*:*:*:*:fallback")));

        Assert.Equal("r1-secret", Resolve(environment)?.Value);
        Assert.Equal("fallback", PasswordResolver.Resolve(Endpoint with { Host = "db.example.com" }, "app", "bench", environment.Get)?.Value);
    }

    [Fact]
    public void The_default_pgpass_in_HOME_is_used_when_PGPASSFILE_is_not_set()
    {
        var home = _temp.Combine("home");
        Directory.CreateDirectory(home);
        var path = Path.Combine(home, ".pgpass");
        File.WriteAllText(path, "*:*:app:bench:home-secret");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var password = Resolve(new FakeEnvironment(("HOME", home)));

        Assert.Equal("home-secret", password?.Value);
        Assert.Equal($"password file {path} line 1", password?.Source);
    }

    [Fact]
    public void No_source_means_no_password_for_trust_or_certificate_authentication()
    {
        Assert.Null(Resolve(new FakeEnvironment()));
    }

    [Fact]
    public void An_empty_variable_counts_as_unset()
    {
        var environment = new FakeEnvironment((PasswordResolver.PasswordVariable, ""), (PasswordResolver.LibpqPasswordVariable, "from-libpq"));

        Assert.Equal("from-libpq", Resolve(environment)?.Value);
    }

    private static EndpointPassword? Resolve(FakeEnvironment environment) => PasswordResolver.Resolve(Endpoint, "app", "bench", environment.Get);

    private string PassFile(string content)
    {
        var path = _temp.Combine($"pgpass-{Guid.NewGuid():N}");
        File.WriteAllText(path, content);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return path;
    }
}
