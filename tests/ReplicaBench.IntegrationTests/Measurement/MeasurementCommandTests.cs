using System.Text.Json;
using ReplicaBench.Cli;
using ReplicaBench.IntegrationTests.Infrastructure;
using ReplicaBench.Measurement;

namespace ReplicaBench.IntegrationTests.Measurement;

/// <summary>'probe staleness' and 'lag' against the shared topology, through the CLI's own entry point.</summary>
public sealed class MeasurementCommandTests(SharedTopologyFixture fixture)
{
    [Fact]
    public async Task Probe_staleness_json_is_one_document_with_the_documented_fields_per_replica()
    {
        _ = fixture.Topology;

        var (code, stdout, stderr) = await RunAsync("probe", "staleness", "--samples", "20", "--json");

        Assert.True(code == ExitCodes.Success, stderr);
        using var document = JsonDocument.Parse(stdout);
        var replicas = document.RootElement.GetProperty("replicas").EnumerateArray().ToList();
        Assert.Equal(["replica1", "replica2"], replicas.Select(r => r.GetProperty("name").GetString()));
        foreach (var replica in replicas)
        {
            Assert.Equal(20, replica.GetProperty("samples").GetInt64());
            var p50 = replica.GetProperty("p50Ms").GetDouble();
            var p90 = replica.GetProperty("p90Ms").GetDouble();
            var p99 = replica.GetProperty("p99Ms").GetDouble();
            var max = replica.GetProperty("maxMs").GetDouble();
            Assert.True(p50 <= p90 && p90 <= p99 && p99 <= max, $"percentiles out of order: {replica}");

            // The histogram travels along and decodes to the same count.
            Assert.Equal(20, VisibilityHistogram.Decode(replica.GetProperty("histogram").GetString()!).TotalCount);
        }

        // The known answers, with VisibilityProbeTests' tolerances: replica1 replays at once (p50 under
        // 10 ms), replica2 waits out its apply delay (p50 within 15% of it).
        var delayMs = SharedTopologyFixture.Replica2ApplyDelay.TotalMilliseconds;
        Assert.InRange(replicas[0].GetProperty("p50Ms").GetDouble(), 0, 10);
        Assert.InRange(replicas[1].GetProperty("p50Ms").GetDouble(), delayMs * 0.85, delayMs * 1.15);
        AssertNoSecret(stdout + stderr);
    }

    [Fact]
    public async Task Probe_staleness_prints_a_table_without_control_characters_when_redirected()
    {
        _ = fixture.Topology;

        var (code, stdout, stderr) = await RunAsync("probe", "staleness", "--samples", "5");

        Assert.True(code == ExitCodes.Success, stderr);
        Assert.Contains("replica1", stdout, StringComparison.Ordinal);
        Assert.Contains("p99 ms", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(stdout, c => char.IsControl(c) && c is not '\n' and not '\r');
        AssertNoSecret(stdout + stderr);
    }

    [Fact]
    public async Task Lag_json_lists_both_replicas_streaming_with_byte_lag()
    {
        _ = fixture.Topology;

        var (code, stdout, stderr) = await RunAsync("lag", "--json");

        Assert.True(code == ExitCodes.Success, stderr);
        using var document = JsonDocument.Parse(stdout);
        var replicas = document.RootElement.GetProperty("replicas").EnumerateArray().ToList();
        Assert.Equal(["replica1", "replica2"], replicas.Select(r => r.GetProperty("name").GetString()));
        Assert.All(replicas, r =>
        {
            Assert.Equal("streaming", r.GetProperty("state").GetString());
            Assert.Equal(JsonValueKind.Number, r.GetProperty("replayLagBytes").ValueKind);
            Assert.Equal(JsonValueKind.Number, r.GetProperty("receivedNotReplayedBytes").ValueKind);
        });
        AssertNoSecret(stdout + stderr);
    }

    private async Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] arguments)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await ReplicaBenchCli.RunAsync([.. arguments, "--state-dir", fixture.StateDirectory.Path], stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private void AssertNoSecret(string text)
    {
        var password = new Npgsql.NpgsqlConnectionStringBuilder(fixture.Topology.Primary.ConnectionString).Password!;
        Assert.DoesNotContain(password, text, StringComparison.Ordinal);
    }
}
