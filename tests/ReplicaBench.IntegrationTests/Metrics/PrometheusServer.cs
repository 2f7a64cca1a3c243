using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace ReplicaBench.IntegrationTests.Metrics;

/// <summary>
/// Debian's <c>prometheus</c> (2.42), run by the test as a process of its own: a temporary config
/// that scrapes one target every second, its TSDB in a temporary folder, its HTTP API on a free port.
/// </summary>
internal sealed class PrometheusServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _folder;
    private readonly HttpClient _http;

    private PrometheusServer(Process process, string folder, int port)
    {
        (_process, _folder) = (process, folder);
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
    }

    public static string? MissingReason() =>
        File.Exists("/usr/bin/prometheus") ? null : "Debian's prometheus package is not installed (tools/ci/install-prerequisites.sh installs it)";

    public static async Task<PrometheusServer> StartAsync(int targetPort, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("rb-it-prometheus-").FullName;
        var config = Path.Combine(folder, "prometheus.yml");
        await File.WriteAllTextAsync(config, $"""
            global:
              scrape_interval: 1s
              scrape_timeout: 1s
            scrape_configs:
              - job_name: replicabench
                static_configs:
                  - targets: ['127.0.0.1:{targetPort}']
            """, cancellationToken);
        var port = FreePort.Next();
        var start = new ProcessStartInfo("/usr/bin/prometheus")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[]
        {
            $"--config.file={config}", $"--storage.tsdb.path={Path.Combine(folder, "data")}",
            $"--web.listen-address=127.0.0.1:{port}", "--storage.tsdb.retention.time=1h",
        })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("prometheus did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new PrometheusServer(process, folder, port);
        await server.WaitReadyAsync(cancellationToken);
        return server;
    }

    /// <summary>The value of an instant query that returns one sample, or null when it returns none.</summary>
    public async Task<double?> QueryAsync(string promQl, CancellationToken cancellationToken)
    {
        using var result = await _http.GetFromJsonAsync<JsonDocument>($"api/v1/query?query={Uri.EscapeDataString(promQl)}", cancellationToken)
            ?? throw new InvalidOperationException("no answer");
        var samples = result.RootElement.GetProperty("data").GetProperty("result");
        return samples.GetArrayLength() == 0
            ? null
            : double.Parse(samples[0].GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture);
    }

    /// <summary>The metric names Prometheus stored, for a failure message.</summary>
    public async Task<string> NamesAsync(CancellationToken cancellationToken) =>
        await _http.GetStringAsync("api/v1/label/__name__/values", cancellationToken);

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private async Task WaitReadyAsync(CancellationToken cancellationToken)
    {
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(30);
        while (TimeProvider.System.GetUtcNow() < deadline && !_process.HasExited)
        {
            try
            {
                using var ready = await _http.GetAsync("-/ready", cancellationToken);
                if (ready.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200, cancellationToken);
        }

        throw new InvalidOperationException("prometheus did not become ready within 30 s");
    }
}
