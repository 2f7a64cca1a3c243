using System.Globalization;
using System.Net;
using System.Net.Sockets;
using ReplicaBench.Runs;
using ReplicaBench.Tests;

namespace ReplicaBench.Cli.Tests.Commands;

/// <summary>load's live-metrics options: a port in use is refused before anything runs; an OTLP collector that does not answer is only a warning.</summary>
public sealed class LiveMetricsCliTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task A_metrics_port_already_in_use_is_refused_in_one_line()
    {
        using var taken = new TcpListener(IPAddress.Any, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        await CliRunner.AssertLoadRefusedAsync(
            _temp.Combine("run"), $"--scenario point-read --duration 1s --metrics-port {port.ToString(CultureInfo.InvariantCulture)}", $"--metrics-port {port} cannot be listened on");
    }

    [Theory]
    [InlineData("--metrics-port 70000", "--metrics-port 70000 is not a TCP port")]
    [InlineData("--otlp-endpoint collector:4317", "--otlp-endpoint 'collector:4317' is not an http(s) URL")]
    public async Task Malformed_live_metrics_options_are_refused_in_one_line(string options, string expected) =>
        await CliRunner.AssertLoadRefusedAsync(_temp.Combine("run"), $"--scenario point-read --duration 1s {options}", expected);

    [Fact]
    public async Task An_otlp_endpoint_that_does_not_answer_is_one_warning_and_the_export_still_starts()
    {
        int closedPort;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            closedPort = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        using var errors = new StringWriter();
        await using var export = await LiveMetricsExport.StartAsync(null, $"http://127.0.0.1:{closedPort}", errors, TestContext.Current.CancellationToken);

        var warning = errors.ToString();
        Assert.StartsWith($"replicabench: warning: the OTLP endpoint http://127.0.0.1:{closedPort}/ does not answer", warning, StringComparison.Ordinal);
        CliRunner.AssertOneLineWithoutStackTrace(warning);
    }
}
