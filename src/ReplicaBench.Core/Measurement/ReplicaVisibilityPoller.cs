using System.Diagnostics;
using Npgsql;
using ReplicaBench.Topology;

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
/// <c>await Task.Delay(1)</c> measured 3.6–3.9 ms on a 2-core machine.</para>
/// </remarks>
internal sealed class ReplicaVisibilityPoller : IAsyncDisposable
{
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
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        try
        {
            _connection = new NpgsqlConnection(_replica.ConnectionString);
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
            await _highestVisible.PrepareAsync(timeout.Token);
            await _highestVisible.ExecuteScalarAsync(timeout.Token);
            return true;
        }
        catch (Exception ex) when (PreparedQuery.IsNodeFailure(ex) && !cancellationToken.IsCancellationRequested)
        {
            Error = timeout.IsCancellationRequested
                ? $"the marker table did not appear within {_options.Timeout.TotalSeconds:0.###}s"
                : ConnectionErrors.Describe(ex);
            return false;
        }
    }

    /// <summary>
    /// Polls until every marker was seen or timed out, or the replica failed (<see cref="Error"/>).
    /// Blocks: run it on a dedicated thread.
    /// </summary>
    public void Run(CancellationToken cancellationToken)
    {
        var command = _highestVisible ?? throw new InvalidOperationException("PrepareAsync first");
        using var cancelPoll = cancellationToken.Register(command.Cancel);
        var next = 1;
        long previousPoll = 0;
        while (next <= _ledger.Count)
        {
            _ledger.WaitUntilSent(next, cancellationToken);
            var now = Stopwatch.GetTimestamp();
            var acked = _ledger.AckedAt(next);
            if (acked != 0 && Stopwatch.GetElapsedTime(acked, now) > _options.Timeout)
            {
                _timedOut[next++] = true;
                continue;
            }

            var age = Stopwatch.GetElapsedTime(acked != 0 ? acked : _ledger.SentAt(next), now);
            if (ThreadSleep.Sleep(PollPause(age), cancellationToken))
            {
                break;
            }

            int highest;
            var pollAt = Stopwatch.GetTimestamp();
            try
            {
                highest = (int)command.ExecuteScalar()!;
            }
            catch (Exception ex) when (PreparedQuery.IsNodeFailure(ex))
            {
                if (!cancellationToken.IsCancellationRequested)
                {
                    Error = ConnectionErrors.Describe(ex);
                }

                return;
            }

            for (var last = Math.Min(highest, _ledger.Count); next <= last; next++)
            {
                _visibleAt[next] = pollAt;
                _previousPollAt[next] = previousPoll;
            }

            previousPoll = pollAt;
        }

        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>A tenth of the oldest unseen marker's age, within the configured bounds.</summary>
    private TimeSpan PollPause(TimeSpan age)
    {
        var pause = age / 10;
        return pause < _options.MinPollInterval ? _options.MinPollInterval
            : pause > _options.MaxPollInterval ? _options.MaxPollInterval
            : pause;
    }

    /// <summary>The delays of markers acknowledged and seen, timeouts, and the resolution achieved.</summary>
    public ReplicaVisibility Result()
    {
        var histogram = VisibilityHistogram.Create();
        long timeouts = 0;
        var totalWindow = TimeSpan.Zero;
        var widestWindow = TimeSpan.Zero;
        for (var marker = 1; marker <= _ledger.Count; marker++)
        {
            if (_timedOut[marker])
            {
                timeouts++;
                continue;
            }

            var acked = _ledger.AckedAt(marker);
            var visibleAt = _visibleAt[marker];
            if (acked == 0 || visibleAt == 0)
            {
                // Not measured: the replica failed, or the run stopped, before it was seen.
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

        var samples = histogram.TotalCount;
        return new ReplicaVisibility(
            _replica.Name,
            _applyDelayMs,
            samples,
            timeouts,
            histogram,
            samples == 0 ? TimeSpan.Zero : totalWindow / samples,
            widestWindow,
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
