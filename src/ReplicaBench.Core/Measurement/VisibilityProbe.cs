using System.Diagnostics;
using System.Security.Cryptography;
using Npgsql;
using ReplicaBench.Topology;
using ReplicaBench.Topology.Poolers;

namespace ReplicaBench.Measurement;

/// <summary>
/// Client-observed staleness: writes numbered marker rows on the primary and measures, per replica,
/// the time from each commit's acknowledgement to the first read on that replica that sees it — the
/// delay an application would see between "my write succeeded" and "a replica read returns it".
/// </summary>
/// <remarks>
/// <para>Markers go to <c>replicabench.visibility_markers</c> (created if missing; the run deletes
/// its own rows at the end). They are written from one session, one after another, with
/// <see cref="VisibilityProbeOptions.Spacing"/> between an acknowledgement and the next write;
/// every replica is polled concurrently, each over its own connection with a prepared statement,
/// so a 300 ms replica and a 0.3 ms replica are measured in the same pass.</para>
/// <para>Delays go into an HdrHistogram per replica (microseconds, <see cref="VisibilityHistogram"/>),
/// mergeable across runs and the raw material of a t-visibility curve. A marker a replica does not
/// show within <see cref="VisibilityProbeOptions.Timeout"/> is a timeout, a censored sample: every
/// figure is computed over all markers sent, and a percentile that falls among the censored ones is
/// reported as "at least" (<see cref="VisibilityDelay"/>), so a replica that shows nothing never
/// looks better than one that shows markers late. A replica that cannot be reached is reported
/// with its error and the others are still measured.</para>
/// <para>Keeping up: with a <see cref="VisibilityProbeOptions.SendWindow"/> the writer stops when it
/// closes, and markers it did not send are counted (planned versus sent); each poller counts polls
/// that started far later than intended (<see cref="PollPace"/>); <see cref="ReplicaVisibility.KeptUp"/>
/// says whether the figures stand.</para>
/// <para>What it includes: WAL shipping, replay (and any <c>recovery_min_apply_delay</c>), snapshot
/// visibility on the standby, and up to one poll interval of resolution (reported per replica). The
/// acknowledgement is taken when the client gets the commit's reply, so it includes the primary's
/// WAL flush (and waiting for synchronous standbys, if the primary has any).</para>
/// </remarks>
public sealed class VisibilityProbe
{
    private readonly TopologyDescriptor _topology;
    private readonly VisibilityProbeOptions _options;
    private readonly TimeProvider _timeProvider;

    /// <param name="topology">The servers; every replica is probed.</param>
    /// <param name="options">Samples, spacing, timeouts (defaults: <see cref="VisibilityProbeOptions"/>).</param>
    /// <param name="timeProvider">Clock for the wall-clock start time only; delays use <see cref="Stopwatch"/>.</param>
    /// <exception cref="BadInputException">No replicas, or an external topology brought up without --allow-writes (<see cref="WriteInterlock"/>).</exception>
    public VisibilityProbe(TopologyDescriptor topology, VisibilityProbeOptions? options = null, TimeProvider? timeProvider = null)
    {
        _options = options ?? new VisibilityProbeOptions();
        _options.Validate();
        if (topology.Replicas.Count == 0)
        {
            throw new BadInputException(
                "the topology has no replicas, so there is no replica to probe; bring one up with replicas, e.g. 'replicabench topology up --replicas 2'.");
        }

        // Markers are rows written on the primary: an external topology must have been brought up with --allow-writes.
        WriteInterlock.EnsureWritesAllowed(topology, "probe staleness");
        _topology = topology;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Runs the probe. Throws <see cref="TopologyException"/> when the primary cannot be written to.</summary>
    public Task<VisibilityProbeResult> RunAsync(CancellationToken cancellationToken) => RunAsync(CancellationToken.None, cancellationToken);

    /// <summary>
    /// Runs the probe until it is done or <paramref name="finishToken"/> is cancelled, whichever
    /// comes first; then it stops sending and polling and returns what it measured (markers still
    /// unseen then are unresolved, censored at how long they were watched). Cancelling
    /// <paramref name="cancellationToken"/> abandons the run instead.
    /// </summary>
    public async Task<VisibilityProbeResult> RunAsync(CancellationToken finishToken, CancellationToken cancellationToken)
    {
        var started = _timeProvider.GetUtcNow();
        var startedAt = Stopwatch.GetTimestamp();
        var runId = BitConverter.ToInt64(RandomNumberGenerator.GetBytes(8)) & long.MaxValue;
        var ledger = new MarkerLedger(_options.Samples);

        await using var primary = await OpenPrimaryAsync(cancellationToken);
        var pollers = _topology.Replicas.Select(r => new ReplicaVisibilityPoller(r, runId, ledger, _options)).ToList();
        try
        {
            var ready = await Task.WhenAll(pollers.Select(p => p.PrepareAsync(cancellationToken)));
            await MeasureAsync(primary, runId, ledger, [.. pollers.Where((_, i) => ready[i])], finishToken, cancellationToken);
        }
        finally
        {
            await DeleteMarkersAsync(primary, runId);
            foreach (var poller in pollers)
            {
                await poller.DisposeAsync();
            }
        }

        return new VisibilityProbeResult(_options, started, Stopwatch.GetElapsedTime(startedAt), ledger.Sent, [.. pollers.Select(p => p.Result())]);
    }

    private async Task MeasureAsync(
        NpgsqlConnection primary,
        long runId,
        MarkerLedger ledger,
        IReadOnlyList<ReplicaVisibilityPoller> pollers,
        CancellationToken finishToken,
        CancellationToken cancellationToken)
    {
        var seq = new NpgsqlParameter<int>();
        await using var insert = new NpgsqlCommand(VisibilityMarkers.InsertSql, primary)
        {
            Parameters = { new NpgsqlParameter<long> { TypedValue = runId }, seq },
        };
        await SessionPolicy.PrepareAsync(insert, cancellationToken);

        // Writer and pollers each get a thread of their own with blocking I/O: timestamps are taken
        // the moment a reply arrives, not when a thread-pool worker gets round to the continuation.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, finishToken);
        var polling = pollers.Select(p => OnOwnThread(() => p.Run(stop.Token))).ToArray();
        try
        {
            await OnOwnThread(() => WriteMarkers(insert, seq, ledger, stop.Token, cancellationToken));
        }
        catch
        {
            // Without markers there is nothing left to wait for.
            await stop.CancelAsync();
            await Task.WhenAll(polling).ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            throw;
        }

        await Task.WhenAll(polling);
        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>
    /// Writes markers until all are sent, the send window closes or <paramref name="stopToken"/>
    /// fires (finish or cancellation); then tells the pollers no more will come. Only a cancellation
    /// cuts an insert short: a finish lets the one in flight be acknowledged, so it counts.
    /// </summary>
    private void WriteMarkers(NpgsqlCommand insert, NpgsqlParameter<int> seq, MarkerLedger ledger, CancellationToken stopToken, CancellationToken cancellationToken)
    {
        using var cancelInsert = cancellationToken.Register(insert.Cancel);
        try
        {
            var first = Stopwatch.GetTimestamp();
            for (var marker = 1; marker <= ledger.Count && !WindowClosed(first) && !stopToken.IsCancellationRequested; marker++)
            {
                seq.TypedValue = marker;
                ledger.MarkSent(marker, Stopwatch.GetTimestamp());
                try
                {
                    insert.ExecuteNonQuery();
                }
                catch (Exception ex) when (PreparedQuery.IsNodeFailure(ex) && !cancellationToken.IsCancellationRequested)
                {
                    throw new TopologyException($"the probe could not write to the primary: {ConnectionErrors.Describe(ex)}", ex);
                }

                ledger.MarkAcked(marker, Stopwatch.GetTimestamp());
                cancellationToken.ThrowIfCancellationRequested();
                if (marker < ledger.Count && _options.Spacing > TimeSpan.Zero)
                {
                    stopToken.WaitHandle.WaitOne(_options.Spacing);
                }
            }

            cancellationToken.ThrowIfCancellationRequested();
        }
        finally
        {
            ledger.FinishSending();
        }
    }

    private bool WindowClosed(long first) => _options.SendWindow is { } window && Stopwatch.GetElapsedTime(first) >= window;

    private static Task OnOwnThread(Action work) =>
        Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private async Task<NpgsqlConnection> OpenPrimaryAsync(CancellationToken cancellationToken)
    {
        var connection = NodeConnections.Create(_topology.Primary);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await VisibilityMarkers.EnsureAsync(connection, cancellationToken);
            return connection;
        }
        catch (Exception ex) when (PreparedQuery.IsNodeFailure(ex) && !cancellationToken.IsCancellationRequested)
        {
            await connection.DisposeAsync();
            throw new TopologyException($"the probe could not prepare its marker table on the primary: {ConnectionErrors.Describe(ex)}", ex);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Best effort, also after a failure or Ctrl+C: markers are tiny and an hour-old leftover
    /// is removed by the next run anyway.</summary>
    private static async Task DeleteMarkersAsync(NpgsqlConnection primary, long runId)
    {
        if (primary.State != System.Data.ConnectionState.Open)
        {
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await using var delete = new NpgsqlCommand(VisibilityMarkers.DeleteSql, primary)
            {
                Parameters = { new NpgsqlParameter<long> { TypedValue = runId } },
            };
            await delete.ExecuteNonQueryAsync(timeout.Token);
        }
        catch (Exception ex) when (PreparedQuery.IsNodeFailure(ex))
        {
            // The measurement stands; the leftovers go with the next run's cleanup.
        }
    }
}
