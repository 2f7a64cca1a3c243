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
        var table = new Table().AddColumns("replica", "apply delay", "samples", "censored", "p50 ms", "p90 ms", "p99 ms", "max ms", "resolution ms");
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
                r.Censored.ToString(CultureInfo.InvariantCulture),
                Delay(r.P50),
                Delay(r.P90),
                Delay(r.P99),
                Delay(r.Max),
                r.Seen == 0 ? "-" : Ms(r.MeanResolution.TotalMilliseconds),
            ];
            table.AddRow(showErrors ? [.. cells, Markup.Escape(r.Error ?? "-")] : cells);
        }

        NodeTable.Render(output, table);
        var options = result.Options;
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Visibility delay: commit acknowledged on the primary -> first read on the replica that saw it, over every marker sent; a marker not seen within {DurationParser.Format(options.Timeout)} is censored, and a percentile among censored markers reads '>= ' (at least). Resolution: mean window between the last poll that missed a marker and the first that saw it. {result.MarkersSent} of {options.Samples} marker(s) sent, {DurationParser.Format(options.Spacing)} apart, in {result.Duration.TotalSeconds:0.0}s."));
        foreach (var r in result.Replicas.Where(r => !r.KeptUp && r.Error is null))
        {
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{r.Name}: the probe did not keep up ({r.MarkersSent} of {r.MarkersPlanned} markers watched, {r.Unresolved} unresolved, {r.Pace.FarBehind} of {r.Pace.Polls} polls more than {DurationParser.Format(options.PollLatenessLimit)} late)."));
        }
    }

    public static string Json(VisibilityProbeResult result) => JsonSerializer.Serialize(ToJson(result), JsonOptions);

    private static object ToJson(VisibilityProbeResult result) => new
    {
        samples = result.Options.Samples,
        markersSent = result.MarkersSent,
        spacingMs = result.Options.Spacing.TotalMilliseconds,
        timeoutMs = result.Options.Timeout.TotalMilliseconds,
        startedAt = result.Started,
        durationMs = Round(result.Duration.TotalMilliseconds),
        replicas = result.Replicas.Select(r => new
        {
            name = r.Name,
            applyDelayMs = r.ApplyDelayMs,
            // Every figure is over all markers sent; a '...AtLeast' true marks a percentile that fell
            // among censored markers: the delay is at least that (not a measured value).
            samples = r.Samples,
            seen = r.Seen,
            censored = r.Censored,
            timeouts = r.Timeouts,
            unresolved = r.Unresolved,
            keptUp = r.KeptUp,
            pollsFarBehind = r.Pace.FarBehind,
            polls = r.Pace.Polls,
            p50Ms = Round(r.P50?.Milliseconds),
            p50AtLeast = r.P50?.IsLowerBound,
            p90Ms = Round(r.P90?.Milliseconds),
            p90AtLeast = r.P90?.IsLowerBound,
            p99Ms = Round(r.P99?.Milliseconds),
            p99AtLeast = r.P99?.IsLowerBound,
            maxMs = Round(r.Max?.Milliseconds),
            maxAtLeast = r.Max?.IsLowerBound,
            meanMs = Round(r.MeanMs),
            resolutionMs = Round(r.MeanResolution.TotalMilliseconds),
            maxResolutionMs = Round(r.MaxResolution.TotalMilliseconds),
            error = r.Error,
            // Delays in microseconds, HdrHistogram's compressed base64 form: merge or plot it later.
            histogram = VisibilityHistogram.Encode(r.Histogram),
        }),
    };

    private static string Delay(VisibilityDelay? delay) =>
        delay is { } d ? (d.IsLowerBound ? ">= " : string.Empty) + Ms(d.Milliseconds) : "-";

    private static string Ms(double? milliseconds) =>
        milliseconds is { } value ? value.ToString("0.###", CultureInfo.InvariantCulture) : "-";

    private static double? Round(double? milliseconds) => milliseconds is { } value ? Math.Round(value, 3) : null;
}
