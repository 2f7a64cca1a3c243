using ReplicaBench.Cli;
using ReplicaBench.Tests;

namespace ReplicaBench.Cli.Tests.Commands;

/// <summary>'replicabench load --shard/--start-at' mistakes: one line, exit 2, nothing started, no output folder.</summary>
public sealed class LoadShardCliBadInputTests : IDisposable
{
    private const string StartAt = "--start-at 2026-12-06T10:00:00Z";

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("--shard 3/2 " + StartAt, "--shard 3/2 is not a shard: i must be 1 to N")]
    [InlineData("--shard 0/2 " + StartAt, "--shard 0/2 is not a shard: i must be 1 to N")]
    [InlineData("--shard half " + StartAt, "--shard 'half' is not i/N")]
    [InlineData("--shard 1/2", "--shard needs --start-at, the same UTC instant for every shard")]
    [InlineData(StartAt, "--start-at lines shards up and needs --shard i/N")]
    [InlineData("--shard 1/2 --start-at tomorrow", "--start-at 'tomorrow' is not an ISO 8601 UTC time; give it with a Z, e.g. --start-at 2026-12-06T10:00:00Z.")]
    [InlineData("--shard 1/2 --start-at 2026-12-06T10:00:00+02:00", "is not an ISO 8601 UTC time")]
    [InlineData("--shard 1/2 " + StartAt, "--shard splits the load on one topology that every shard shares; give each shard the same --state-dir DIR")]
    public async Task A_bad_shard_is_refused_before_anything_starts(string options, string expected) =>
        await CliRunner.AssertLoadRefusedAsync(_temp.Combine("run"), $"--scenario read-heavy {options}", expected);
}
