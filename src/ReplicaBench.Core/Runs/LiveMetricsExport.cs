using System.Net;
using System.Net.Sockets;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Prometheus;
using ReplicaBench.Engine.Telemetry;

namespace ReplicaBench.Runs;

/// <summary>
/// The exporters of <c>load</c>'s live metrics (<see cref="ReplicaBenchMeter"/> and Npgsql's own
/// meter): a Prometheus scrape endpoint on <c>--metrics-port</c> (prometheus-net: <see cref="PrometheusMeterBridge"/> for ours, its meter adapter for Npgsql's)
/// and OTLP/gRPC to <c>--otlp-endpoint</c> (OpenTelemetry, with Npgsql's metrics and traces).
/// The instruments live in the library; this only listens to them, and stops when disposed.
/// </summary>
/// <remarks>
/// A Prometheus server scrapes on its own schedule, so the operations of a run's last second would
/// never reach it if the endpoint closed the moment the run ended: once someone has scraped during
/// the run, disposing waits (up to <see cref="FinalScrapeWait"/>) for one more scrape, which then
/// holds every operation the run recorded.
/// </remarks>
public sealed class LiveMetricsExport : IAsyncDisposable
{
    public static readonly TimeSpan FinalScrapeWait = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan ScrapeAnswerGrace = TimeSpan.FromMilliseconds(500);

    /// <summary>The meter Npgsql 10 publishes its connection and command metrics on.</summary>
    public const string NpgsqlMeterName = "Npgsql";

    /// <summary>Latency buckets in seconds for the Prometheus histogram: 50 µs to 10 s, about three per decade.</summary>
    private static readonly double[] LatencyBuckets =
        [0.00005, 0.0001, 0.0002, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10];

    private readonly List<IDisposable> _parts = [];
    private TaskCompletionSource? _nextScrape;
    private long _scrapes;

    private LiveMetricsExport()
    {
    }

    /// <summary>
    /// Starts what was asked for. A port already in use is bad input (exit 2, before anything
    /// runs); an OTLP endpoint that does not answer is only a warning on <paramref name="errors"/>,
    /// since the run does not depend on it and the exporter keeps trying.
    /// </summary>
    public static async Task<LiveMetricsExport> StartAsync(int? metricsPort, string? otlpEndpoint, TextWriter errors, CancellationToken cancellationToken)
    {
        var otlp = otlpEndpoint is null ? null : ParseOtlpEndpoint(otlpEndpoint);
        var export = new LiveMetricsExport();
        try
        {
            if (metricsPort is { } port)
            {
                export.StartPrometheus(port);
            }

            if (otlp is not null)
            {
                export.StartOtlp(otlp);
                if (await UnreachableReasonAsync(otlp, cancellationToken) is { } reason)
                {
                    await errors.WriteLineAsync($"replicabench: warning: the OTLP endpoint {otlp} does not answer ({reason}); the run goes on, and its metrics reach it only if it comes up.");
                }
            }

            return export;
        }
        catch
        {
            await export.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Read(ref _scrapes) > 0)
        {
            var next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref _nextScrape, next);
            if (await Task.WhenAny(next.Task, Task.Delay(FinalScrapeWait)) == next.Task)
            {
                // The callback runs before the scrape collects and answers: give the answer time to
                // leave before the server stops (a stopped server cuts it off, and Prometheus would keep
                // the previous scrape's values, a little short of the run's count).
                await Task.Delay(ScrapeAnswerGrace);
            }
        }


        // Last first: the OTLP providers flush their final export on dispose, the server stops last.
        for (var i = _parts.Count - 1; i >= 0; i--)
        {
            _parts[i].Dispose();
        }

        _parts.Clear();
    }

    internal static Uri ParseOtlpEndpoint(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw new BadInputException($"--otlp-endpoint '{value}' is not an http(s) URL; give the collector's OTLP/gRPC address, e.g. http://localhost:4317.");


    /// <summary>
    /// Binds every interface (<c>http://+:P/metrics/</c>), not loopback alone: the point of a scrape
    /// endpoint on a load agent is a Prometheus elsewhere (another pod, the monitoring host). It
    /// serves counts and latencies tagged with cell, node and operation names, never a secret.
    /// </summary>
    private void StartPrometheus(int port)
    {
        if (port is < 1 or > 65535)
        {
            throw new BadInputException($"--metrics-port {port} is not a TCP port; give one from 1 to 65535, e.g. 9464.");
        }

        var registry = Metrics.NewCustomRegistry();
        registry.AddBeforeCollectCallback(() =>
        {
            Interlocked.Increment(ref _scrapes);
            Volatile.Read(ref _nextScrape)?.TrySetResult();
        });
        _parts.Add(MeterAdapter.StartListening(new MeterAdapterOptions
        {
            // Both: the adapter's own metric goes to Registry, the instruments' to MetricFactory.
            Registry = registry,
            MetricFactory = Metrics.WithCustomRegistry(registry),
            InstrumentFilterPredicate = instrument => instrument.Meter.Name == NpgsqlMeterName,
            ResolveHistogramBuckets = _ => LatencyBuckets,
        }));
        _parts.Add(new PrometheusMeterBridge(registry, LatencyBuckets));
        var server = new MetricServer("+", port, "metrics/", registry);
        try
        {
            server.Start();
        }
        catch (HttpListenerException ex)
        {
            throw new BadInputException($"--metrics-port {port} cannot be listened on ({ex.Message}); choose a free port, or stop what listens there.");
        }

        _parts.Add(server);
    }

    private void StartOtlp(Uri endpoint)
    {
        void Configure(OtlpExporterOptions options)
        {
            options.Endpoint = endpoint;
            options.Protocol = OtlpExportProtocol.Grpc;
        }

        _parts.Add(Sdk.CreateMeterProviderBuilder()
            .AddMeter(ReplicaBenchMeter.Name)
            .AddNpgsqlInstrumentation()
            .AddOtlpExporter((exporter, reader) =>
            {
                Configure(exporter);
                reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = 5000;
            })
            .Build());
        _parts.Add(Sdk.CreateTracerProviderBuilder()
            .AddNpgsql()
            .AddOtlpExporter(Configure)
            .Build());
    }

    /// <summary>Why a TCP connection to the endpoint failed within 2 s, or null when it was accepted.</summary>
    private static async Task<string?> UnreachableReasonAsync(Uri endpoint, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(2));
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(endpoint.Host, endpoint.Port, timeout.Token);
            return null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return "no connection within 2 s";
        }
        catch (SocketException ex)
        {
            return ex.Message;
        }
    }
}
