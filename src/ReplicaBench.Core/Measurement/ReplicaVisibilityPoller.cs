using System.Diagnostics;
using Npgsql;
using ReplicaBench.Engine.Execution;
using ReplicaBench.Topology;
using ReplicaBench.Topology.Poolers;

namespace ReplicaBench.Measurement;

/// <summary>
/// Polls one replica, over its own connection with a prepared statement, for the highest marker of
/// the run it can see, and stamps each marker with the time the first poll that saw it was sent: a
/// read issued then saw the write, one issued at the previous poll did not.
/// </summary>
/// <remarks>
/// <para>It polls only while a sent marker is unseen, paced at a tenth of the oldest unseen
/// marker's age (between <see cref="VisibilityProbeOptions.MinPollInterval"/> and
/// <see cref="VisibilityProbeOptions.MaxPollInterval"/>): markers become visible in commit order,
/// so that marker is the next event to catch, and its age says how fine the resolution must be.
/// Why not back to back: see <see cref="VisibilityProbeOptions.MinPollInterval"/>.</para>
/// <para>It runs on a dedicated thread with blocking I/O and sleeps: the thread wakes the moment a
/// reply arrives, with no hop through the thread pool, and sleeps as short as 0.2 ms where
/// <c>await Task.Delay(1)</c> measured 3.6–3.9 ms on a 2-core machine. It counts the polls that
/// started far later than intended (<see cref="PollPace"/>): on a starved machine that is the
/// difference between measuring a delay and measuring the poller.</para>
/// <para>Nothing it watched is dropped: a marker it gave up on (timeout) or was still waiting for
/// when told to stop is a censored sample (see <see cref="ReplicaVisibility"/>).</para>
/// </remarks>
internal sealed class ReplicaVisibilityPoller : IAsyncDisposable
{
    /// <summary>The least time a replica gets to connect and show the marker table before the probe starts.</summary>
    private static readonly TimeSpan MinimumPrepareTime = TimeSpan.FromSeconds(10);

    private readonly TopologyNode _replica;
    private readonly long _runId;
    private readonly MarkerLedger _ledger;
    private readonly VisibilityProbeOptions _options;
    private readonly long[] _visibleAt;
    private readonly long[] _previousPollAt;
    private readonly bool[] _timedOut;
    private NpgsqlConnection? _connection;
    private NpgsqlCommand? _highestVisible;
    private double? _applyDelayMs;
    private bool _ran;
    private long _lastPollAt;
    private long _polls;
    private long _pollsFarBehind;
    private TimeSpan _maxPollLateness;

    public ReplicaVisibilityPoller(TopologyNode replica, long runId, MarkerLedger ledger, VisibilityProbeOptions options)
    {
        _replica = replica;
        _runId = runId;
        _ledger = ledger;
        _options = options;
        _visibleAt = new long[ledger.Count + 1];
        _previousPollAt = new long[ledger.Count + 1];
        _timedOut = new bool[ledger.Count + 1];
    }

    /// <summary>Why this replica could not be (fully) probed, else null.</summary>
    public string? Error { get; private set; }

    /// <summary>
    /// Connects, waits for the marker table to replay here (a delayed replica gets it late) and
    /// prepares the poll. False, with <see cref="Error"/> set, when the replica cannot take part.
    /// </summary>
    public async Task<bool> PrepareAsync(CancellationToken cancellationToken)
    {
        // Setup is not measured: a marker timeout shorter than the replica's apply delay (to see
        // censoring) must not stop the poller before the marker table has replayed there.
        var limit = _options.Timeout > MinimumPrepareTime ? _options.Timeout : MinimumPrepareTime;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(limit);
        try
        {
            _connection = NodeConnections.Create(_replica);
            await _connection.OpenAsync(timeout.Token);
            await using (var applyDelay = new NpgsqlCommand(VisibilityMarkers.ApplyDelaySql, _connection))
            {
                _applyDelayMs = await applyDelay.ExecuteScalarAsync(timeout.Token) as double?;
            }

            await using (var tableVisible = new NpgsqlCommand(VisibilityMarkers.TableVisibleSql, _connection))
            {
                while (await tableVisible.ExecuteScalarAsync(timeout.Token) is not true)
                {
                    await Task.Delay(5, timeout.Token);
                }
            }

            _highestVisible = new NpgsqlCommand(VisibilityMarkers.HighestVisibleSql, _connection)
            {
                Parameters = { new NpgsqlParameter<long> { TypedValue = _runId } },
                // Bounds one poll on a replica that stops answering (whole seconds is all Npgsql takes).
                CommandTimeout = (int)Math.Ceiling(_options.Timeout.TotalSeconds),
            };
            await SessionPolicy.PrepareAsync(_highestVisible, timeout.Token);
            await _highestVisible.ExecuteScalarAsync(timeout.Token);
            return true;
        }
        catch (Exception ex) when (PreparedQuery.IsNodeFailure(ex) && !cancellationToken.IsCancellationRequested)
        {
            Error = timeout.IsCancellationRequested
                ? $"the marker table did not appear within {limit.TotalSeconds:0.###}s"
                : ConnectionErrors.Describe(ex);
            return false;
        }
    }

    /// <summary>
    /// Polls until every marker sent was seen or timed out, the writer finished without sending the
    /// rest, the replica failed (<see cref="Error"/>), or <paramref name="stopToken"/> is cancelled
    /// (markers still unseen then are unresolved). Blocks: run it on a dedicated thread.
    /// </summary>
    public void Run(CancellationToken stopToken)
    {
        var command = _highestVisible ?? throw new InvalidOperationException("PrepareAsync first");
        _ran = true;
        using var cancelPoll = stopToken.Register(command.Cancel);
        var next = 1;
        long cycleStart = 0;
        while (next <= _ledger.Count)
        {
            var waited = _ledger.Sent < next;
            if (!_ledger.WaitUntilSent(next, stopToken))
            {
                break;
            }

            var now = Stopwatch.GetTimestamp();
            if (waited || cycleStart == 0)
            {
                // Idle until the writer sent this marker: the pace counts from now, not from the last poll.
                cycleStart = now;
            }

            // Timed out once a poll sent at least the timeout after the acknowledgement missed it:
            // then "at least the timeout" is what was observed, not an assumption.
            var acked = _ledger.AckedAt(next);
            if (acked != 0 && _lastPollAt > acked && Stopwatch.GetElapsedTime(acked, _lastPollAt) >= _options.Timeout)
            {
                _timedOut[next++] = true;
                continue;
            }

            var age = Stopwatch.GetElapsedTime(acked != 0 ? acked : _ledger.SentAt(next), now);
            var pause = PollPause(age);
            if (NativeSleep.Sleep(pause, stopToken))
            {
                break;
            }

            int highest;
            var pollAt = Stopwatch.GetTimestamp();
            CountPace(Stopwatch.GetElapsedTime(cycleStart, pollAt) - pause);
            cycleStart = pollAt;
            try
            {
                highest = (int)command.ExecuteScalar()!;
            }
            catch (Exception ex) when (PreparedQuery.IsNodeFailure(ex))
            {
                if (!stopToken.IsCancellationRequested)
                {
                    Error = ConnectionErrors.Describe(ex);
                }

                return;
            }

            for (var last = Math.Min(highest, _ledger.Count); next <= last; next++)
            {
                _visibleAt[next] = pollAt;
                _previousPollAt[next] = _lastPollAt;
            }

            // The last poll that answered: every marker from next on was unseen by a read issued then.
            _lastPollAt = pollAt;
        }
    }

    /// <summary>
    /// Counts a poll and how late it started: it was due one intended pause after the previous
    /// poll's start, so a slow reply delays it as much as a late wake-up does.
    /// </summary>
    private void CountPace(TimeSpan lateness)
    {
        _polls++;
        if (lateness > _options.PollLatenessLimit)
        {
            _pollsFarBehind++;
        }

        _maxPollLateness = lateness > _maxPollLateness ? lateness : _maxPollLateness;
    }

    /// <summary>A tenth of the oldest unseen marker's age, within the configured bounds.</summary>
    private TimeSpan PollPause(TimeSpan age)
    {
        var pause = age / 10;
        return pause < _options.MinPollInterval ? _options.MinPollInterval
            : pause > _options.MaxPollInterval ? _options.MaxPollInterval
            : pause;
    }

    /// <summary>
    /// The delays of the markers seen, the censoring points of those sent but never seen, the
    /// resolution achieved and the polling pace. A marker never acknowledged (the writer stopped
    /// while it was in flight) was not sent; a replica that never started polling has no markers.
    /// </summary>
    public ReplicaVisibility Result()
    {
        var histogram = VisibilityHistogram.Create();
        var censored = new List<long>();
        var timeoutMicroseconds = (long)Math.Round(_options.Timeout.TotalMicroseconds);
        long timeouts = 0;
        var totalWindow = TimeSpan.Zero;
        var widestWindow = TimeSpan.Zero;
        for (var marker = 1; _ran && marker <= _ledger.Count; marker++)
        {
            var acked = _ledger.AckedAt(marker);
            if (acked == 0)
            {
                continue;
            }

            if (_timedOut[marker])
            {
                timeouts++;
                censored.Add(timeoutMicroseconds);
                continue;
            }

            var visibleAt = _visibleAt[marker];
            if (visibleAt == 0)
            {
                // Unresolved: unseen by the last poll, so not visible to a read issued then.
                var watched = _lastPollAt > acked ? Stopwatch.GetElapsedTime(acked, _lastPollAt) : TimeSpan.Zero;
                censored.Add((long)watched.TotalMicroseconds);
                continue;
            }

            // Seen before the acknowledgement reached the client: visible to any read issued after it.
            var delay = visibleAt > acked ? Stopwatch.GetElapsedTime(acked, visibleAt) : TimeSpan.Zero;
            VisibilityHistogram.Record(histogram, delay);

            var missedAt = Math.Max(acked, _previousPollAt[marker]);
            var window = visibleAt > missedAt ? Stopwatch.GetElapsedTime(missedAt, visibleAt) : TimeSpan.Zero;
            totalWindow += window;
            widestWindow = window > widestWindow ? window : widestWindow;
        }

        censored.Sort();
        var seen = histogram.TotalCount;
        return new ReplicaVisibility(
            _replica.Name,
            _applyDelayMs,
            _ledger.Count,
            histogram,
            timeouts,
            censored,
            seen == 0 ? TimeSpan.Zero : totalWindow / seen,
            widestWindow,
            _ran ? new PollPace(_polls, _pollsFarBehind, _maxPollLateness) : PollPace.None,
            Error);
    }

    public async ValueTask DisposeAsync()
    {
        if (_highestVisible is not null)
        {
            await _highestVisible.DisposeAsync();
        }

        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }
    }
}
