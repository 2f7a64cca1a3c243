using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using ReplicaBench.Configuration;
using ReplicaBench.Measurement;
using Spectre.Console;

namespace ReplicaBench.Cli.Output;

/// <summary>How <c>probe staleness</c> shows a <see cref="VisibilityProbeResult"/>: a table, or one JSON document.</summary>
internal static class StalenessReport
{
    // Stdout is not HTML: keep base64 histograms as they are ('+' unescaped) so tools can grep and paste them.
    private static readonly JsonSerializerOptions JsonOptions = new(CliJson.Options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void WriteTable(TextWriter output, VisibilityProbeResult result)
    {
        var showErrors = result.Replicas.Any(r => r.Error is not null);
        var table = new Table().AddColumns("replica", "apply delay", "samples", "timeouts", "p50 ms", "p90 ms", "p99 ms", "max ms", "resolution ms");
        if (showErrors)
        {
            table.AddColumn("error");
        }

        foreach (var r in result.Replicas)
        {
            string[] cells =
            [
                r.Name,
                r.ApplyDelayMs is > 0 ? Ms(r.ApplyDelayMs) + " ms" : r.ApplyDelayMs is null ? "?" : "-",
                r.Samples.ToString(CultureInfo.InvariantCulture),
                r.Timeouts.ToString(CultureInfo.InvariantCulture),
                Ms(r.P50Ms),
                Ms(r.P90Ms),
                Ms(r.P99Ms),
                Ms(r.MaxMs),
                r.Samples == 0 ? "-" : Ms(r.MeanResolution.TotalMilliseconds),
            ];
            table.AddRow(showErrors ? [.. cells, Markup.Escape(r.Error ?? "-")] : cells);
        }

        NodeTable.Render(output, table);
        var options = result.Options;
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Visibility delay: commit acknowledged on the primary -> first read on the replica that saw it; resolution: mean window between the last poll that missed a marker and the first that saw it. {options.Samples} marker(s), {DurationParser.Format(options.Spacing)} apart, in {result.Duration.TotalSeconds:0.0}s."));
    }

    public static string Json(VisibilityProbeResult result) => JsonSerializer.Serialize(ToJson(result), JsonOptions);

    private static object ToJson(VisibilityProbeResult result) => new
    {
        samples = result.Options.Samples,
        spacingMs = result.Options.Spacing.TotalMilliseconds,
        timeoutMs = result.Options.Timeout.TotalMilliseconds,
        startedAt = result.Started,
        durationMs = Round(result.Duration.TotalMilliseconds),
        replicas = result.Replicas.Select(r => new
        {
            name = r.Name,
            applyDelayMs = r.ApplyDelayMs,
            samples = r.Samples,
            timeouts = r.Timeouts,
            p50Ms = Round(r.P50Ms),
            p90Ms = Round(r.P90Ms),
            p99Ms = Round(r.P99Ms),
            maxMs = Round(r.MaxMs),
            meanMs = Round(r.MeanMs),
            resolutionMs = Round(r.MeanResolution.TotalMilliseconds),
            maxResolutionMs = Round(r.MaxResolution.TotalMilliseconds),
            error = r.Error,
            // Delays in microseconds, HdrHistogram's compressed base64 form: merge or plot it later.
            histogram = VisibilityHistogram.Encode(r.Histogram),
        }),
    };

    private static string Ms(double? milliseconds) =>
        milliseconds is { } value ? value.ToString("0.###", CultureInfo.InvariantCulture) : "-";

    private static double? Round(double? milliseconds) => milliseconds is { } value ? Math.Round(value, 3) : null;
}
