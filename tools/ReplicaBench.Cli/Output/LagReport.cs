using System.Globalization;
using System.Text.Json;
using ReplicaBench.Measurement;
using Spectre.Console;

namespace ReplicaBench.Cli.Output;

/// <summary>How <c>lag</c> shows a <see cref="LagSample"/>: a table, plain log lines, or JSON.</summary>
internal static class LagReport
{
    private static readonly JsonSerializerOptions JsonLines = new(CliJson.Options) { WriteIndented = false };

    public static Table Table(LagSample sample)
    {
        var showErrors = sample.Replicas.Any(r => r.Error is not null);
        var table = new Table()
            .AddColumns("replica", "state", "write lag", "flush lag", "replay lag", "lag bytes", "unreplayed bytes", "RDS ReplicaLag")
            .Caption(Markup.Escape(Caption(sample)));
        if (showErrors)
        {
            table.AddColumn("error");
        }

        foreach (var r in sample.Replicas)
        {
            string[] cells =
            [
                r.Name,
                r.State ?? "-",
                Lag(r.WriteLag, r),
                Lag(r.FlushLag, r),
                Lag(r.ReplayLag, r),
                Bytes(r.ReplayLagBytes),
                Bytes(r.ReceiveReplayGapBytes),
                Duration(r.LastReplayAge),
            ];
            table.AddRow(showErrors ? [.. cells, Markup.Escape(r.Error ?? "-")] : cells);
        }

        return table;
    }

    public static void WriteNotes(TextWriter output) => output.WriteLine(
        "write/flush/replay lag and lag bytes: the primary's pg_stat_replication ('idle': NULL, nothing to replicate lately). " +
        "unreplayed bytes: WAL the replica received but has not applied. RDS ReplicaLag: now() - pg_last_xact_replay_timestamp() " +
        "on the replica, the age of the last replayed commit; it grows on an idle primary although nothing is stale.");

    /// <summary>One line per replica, for logs: key=value pairs, no control characters.</summary>
    public static void WriteLines(TextWriter output, LagSample sample)
    {
        var time = Time(sample);
        if (sample.PrimaryError is not null)
        {
            output.WriteLine($"{time} primary error=\"{sample.PrimaryError}\"");
        }

        foreach (var r in sample.Replicas)
        {
            var line = $"{time} {r.Name} state={r.State ?? "-"} write_lag={Lag(r.WriteLag, r)} flush_lag={Lag(r.FlushLag, r)} " +
                $"replay_lag={Lag(r.ReplayLag, r)} replay_lag_bytes={Bytes(r.ReplayLagBytes)} " +
                $"received_not_replayed_bytes={Bytes(r.ReceiveReplayGapBytes)} last_replay_age={Duration(r.LastReplayAge)}";
            output.WriteLine(r.Error is null ? line : $"{line} error=\"{r.Error}\"");
        }
    }

    public static string Json(LagSample sample, bool indented) =>
        JsonSerializer.Serialize(ToJson(sample), indented ? CliJson.Options : JsonLines);

    private static object ToJson(LagSample sample) => new
    {
        time = sample.WallTime,
        elapsedMs = Math.Round(sample.Elapsed.TotalMilliseconds, 3),
        primaryError = sample.PrimaryError,
        replicas = sample.Replicas.Select(r => new
        {
            name = r.Name,
            state = r.State,
            writeLagMs = Ms(r.WriteLag),
            flushLagMs = Ms(r.FlushLag),
            replayLagMs = Ms(r.ReplayLag),
            replayLagBytes = r.ReplayLagBytes,
            receivedNotReplayedBytes = r.ReceiveReplayGapBytes,
            lastReplayAgeMs = Ms(r.LastReplayAge),
            error = r.Error,
        }),
    };

    private static string Caption(LagSample sample) =>
        sample.PrimaryError is null ? Time(sample) : $"{Time(sample)}  primary: {sample.PrimaryError}";

    private static string Time(LagSample sample) =>
        sample.WallTime.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static double? Ms(TimeSpan? value) => value is { } v ? Math.Round(v.TotalMilliseconds, 3) : null;

    private static string Lag(TimeSpan? lag, ReplicaLagFigures replica) =>
        lag is { } value ? Duration(value) : replica.State == "streaming" ? "idle" : "-";

    private static string Duration(TimeSpan? value) => value switch
    {
        null => "-",
        { } v when Math.Abs(v.TotalSeconds) >= 1 => v.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture) + "s",
        { } v => v.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture) + "ms",
    };

    private static string Bytes(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "-";
}
