using Npgsql;
using ReplicaBench.Topology.External;

namespace ReplicaBench.Tests.Topology.External;

/// <summary>
/// Where the password comes from: REPLICABENCH_PASSWORD, PGPASSWORD, then a password file that Npgsql
/// reads (matching it per endpoint is Npgsql's; the integration tests connect with one).
/// </summary>
public sealed class ExternalPasswordTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void REPLICABENCH_PASSWORD_wins_over_PGPASSWORD_and_the_password_file()
    {
        var environment = new FakeEnvironment(
            (ExternalPassword.PasswordVariable, "from-replicabench"),
            (ExternalPassword.LibpqPasswordVariable, "from-libpq"),
            (ExternalPassword.PassFileVariable, PassFile("*:*:*:*:from-file")));

        var builder = Applied(environment);

        Assert.Equal("from-replicabench", builder.Password);
        Assert.Null(builder.Passfile);
        Assert.Equal(ExternalPassword.PasswordVariable, ExternalPassword.Find(environment.Get)?.Source);
    }

    [Fact]
    public void PGPASSWORD_wins_over_the_password_file()
    {
        var environment = new FakeEnvironment(
            (ExternalPassword.LibpqPasswordVariable, "from-libpq"),
            (ExternalPassword.PassFileVariable, PassFile("*:*:*:*:from-file")));

        Assert.Equal("from-libpq", Applied(environment).Password);
    }

    [Fact]
    public void PGPASSFILE_is_handed_to_Npgsql_which_reads_it()
    {
        var path = PassFile("db-r1.example.com:5432:app:bench:r1-secret");

        var builder = Applied(new FakeEnvironment((ExternalPassword.PassFileVariable, path)));

        Assert.Equal(path, builder.Passfile);
        Assert.Null(builder.Password);
        Assert.DoesNotContain("r1-secret", builder.ConnectionString, StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_pgpass_in_HOME_is_used_when_PGPASSFILE_is_not_set()
    {
        var home = _temp.Combine("home");
        Directory.CreateDirectory(home);
        var path = Path.Combine(home, ".pgpass");
        File.WriteAllText(path, "*:*:app:bench:home-secret");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var password = ExternalPassword.Find(new FakeEnvironment(("HOME", home)).Get);

        Assert.Equal($"password file {path}", password?.Source);
        Assert.Equal(path, password?.PassFile);
    }

    [Fact]
    public void No_source_means_no_password_for_trust_or_certificate_authentication()
    {
        Assert.Null(ExternalPassword.Find(new FakeEnvironment().Get));
    }

    [Fact]
    public void An_empty_variable_counts_as_unset()
    {
        var environment = new FakeEnvironment((ExternalPassword.PasswordVariable, ""), (ExternalPassword.LibpqPasswordVariable, "from-libpq"));

        Assert.Equal("from-libpq", Applied(environment).Password);
    }

    [Fact]
    public void A_file_that_group_or_others_can_read_is_refused_with_the_chmod_fix()
    {
        var path = _temp.Combine("pgpass");
        File.WriteAllText(path, "*:*:*:*:secret-value");
        File.SetUnixFileMode(path, (UnixFileMode)0b110_100_100);

        var ex = Assert.Throws<BadInputException>(() => ExternalPassword.Find(new FakeEnvironment((ExternalPassword.PassFileVariable, path)).Get));

        Assert.Contains("group or world access (mode 0644)", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"chmod 0600 {path}", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-value", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_named_file_that_does_not_exist_is_an_error_naming_the_variable()
    {
        var ex = Assert.Throws<BadInputException>(() => ExternalPassword.Find(new FakeEnvironment((ExternalPassword.PassFileVariable, _temp.Combine("missing"))).Get));

        Assert.StartsWith("PGPASSFILE names", ex.Message, StringComparison.Ordinal);
    }

    private static NpgsqlConnectionStringBuilder Applied(FakeEnvironment environment)
    {
        var builder = new NpgsqlConnectionStringBuilder { Host = "db-r1.example.com", Database = "app", Username = "bench" };
        ExternalPassword.Find(environment.Get)!.ApplyTo(builder);
        return builder;
    }

    private string PassFile(string content)
    {
        var path = _temp.Combine($"pgpass-{Guid.NewGuid():N}");
        File.WriteAllText(path, content);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return path;
    }
}
