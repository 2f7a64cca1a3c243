using ReplicaBench.Topology.External;

namespace ReplicaBench.Tests.Topology.External;

/// <summary>The .pgpass format as libpq reads it, and its permission rule.</summary>
public sealed class PgPassFileTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("db.example.com", 5432, "app", "bench", "exact")]
    [InlineData("other.example.com", 5432, "app", "bench", "any-host")]
    [InlineData("db.example.com", 6432, "app", "bench", "any-port")]
    [InlineData("db.example.com", 5432, "reports", "bench", "any-host")]
    [InlineData("db.example.com", 5432, "app", "nobody", null)]
    public void The_first_matching_line_wins_and_star_matches_anything(string host, int port, string database, string user, string? expected)
    {
        var file = PgPassFile.Parse("pgpass", """
            # comment line, then an empty one

            db.example.com:5432:app:bench:exact
            db.example.com:*:app:bench:any-port
            *:5432:*:bench:any-host
            """);

        Assert.Equal(expected, file.Find(host, port, database, user)?.Value);
    }

    [Fact]
    public void Backslash_escapes_colons_and_backslashes_in_every_field()
    {
        var file = PgPassFile.Parse("pgpass", @"fe80\:\:1:5432:app:bench:pa\:ss\\word" + "\r\n");

        Assert.Equal(@"pa:ss\word", file.Find("fe80::1", 5432, "app", "bench")?.Value);
    }

    [Fact]
    public void An_escaped_star_is_a_literal_star_not_a_wildcard()
    {
        var file = PgPassFile.Parse("pgpass", @"\*:5432:app:bench:literal");

        Assert.Null(file.Find("db", 5432, "app", "bench"));
        Assert.Equal("literal", file.Find("*", 5432, "app", "bench")?.Value);
    }

    [Fact]
    public void Lines_with_fewer_than_five_fields_are_skipped_as_libpq_skips_them()
    {
        var file = PgPassFile.Parse("pgpass", "db:5432:app:bench\ndb:5432:app:bench:second");

        var password = file.Find("db", 5432, "app", "bench");

        Assert.Equal("second", password?.Value);
        Assert.Equal("password file pgpass line 2", password?.Source);
    }

    [Fact]
    public void A_file_that_group_or_others_can_read_is_refused_with_the_chmod_fix()
    {
        var path = _temp.Combine("pgpass");
        File.WriteAllText(path, "*:*:*:*:secret-value");
        File.SetUnixFileMode(path, (UnixFileMode)0b110_100_100);

        var ex = Assert.Throws<BadInputException>(() => PgPassFile.Load(path, "PGPASSFILE"));

        Assert.Contains("group or world access (mode 0644)", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"chmod 0600 {path}", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-value", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_only_its_owner_can_read_is_used()
    {
        var path = _temp.Combine("pgpass");
        File.WriteAllText(path, "*:*:*:*:owner-only");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        Assert.Equal("owner-only", PgPassFile.Load(path, "PGPASSFILE").Find("db", 5432, "app", "bench")?.Value);
    }

    [Fact]
    public void A_named_file_that_does_not_exist_is_an_error_naming_the_variable()
    {
        var ex = Assert.Throws<BadInputException>(() => PgPassFile.Load(_temp.Combine("missing"), "PGPASSFILE"));

        Assert.StartsWith("PGPASSFILE names", ex.Message, StringComparison.Ordinal);
    }
}
