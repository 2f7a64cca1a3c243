namespace ReplicaBench.Measurement;

/// <summary>
/// The probe writer's record of each marker — when it was sent and when its commit was
/// acknowledged (<see cref="System.Diagnostics.Stopwatch"/> timestamps) — shared with the replica
/// pollers, which wake as soon as a marker is sent: on a fast replica a marker can become visible
/// before the client even hears the commit acknowledged.
/// </summary>
/// <remarks>
/// <para>One writer thread, one poller thread per replica; markers are numbered 1..<see cref="Count"/>,
/// the number the probe planned to send. The writer may stop before the last one (its send window
/// closed, the probe was told to finish): it then calls <see cref="FinishSending"/>, so pollers stop
/// waiting for markers that will never come, and <see cref="Sent"/> says how many there were.</para>
/// </remarks>
internal sealed class MarkerLedger
{
    private readonly long[] _sentAt;
    private readonly long[] _ackedAt;
    private readonly object _gate = new();
    private int _sent;
    private bool _finished;

    public MarkerLedger(int count)
    {
        Count = count;
        _sentAt = new long[count + 1];
        _ackedAt = new long[count + 1];
    }

    /// <summary>Markers planned.</summary>
    public int Count { get; }

    /// <summary>Highest marker number sent so far.</summary>
    public int Sent => Volatile.Read(ref _sent);

    public long SentAt(int marker) => Volatile.Read(ref _sentAt[marker]);

    /// <summary>When the marker's commit was acknowledged; 0 while it is still in flight (or was never sent).</summary>
    public long AckedAt(int marker) => Volatile.Read(ref _ackedAt[marker]);

    public void MarkSent(int marker, long timestamp)
    {
        Volatile.Write(ref _sentAt[marker], timestamp);
        lock (_gate)
        {
            Volatile.Write(ref _sent, marker);
            Monitor.PulseAll(_gate);
        }
    }

    public void MarkAcked(int marker, long timestamp) => Volatile.Write(ref _ackedAt[marker], timestamp);

    /// <summary>The writer sends no more markers (called once it stops, whatever the reason).</summary>
    public void FinishSending()
    {
        lock (_gate)
        {
            _finished = true;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>
    /// Blocks the calling (dedicated) thread until marker <paramref name="marker"/> has been sent:
    /// true then; false when the writer finished without sending it or <paramref name="cancellationToken"/>
    /// was cancelled first.
    /// </summary>
    public bool WaitUntilSent(int marker, CancellationToken cancellationToken)
    {
        if (Sent >= marker)
        {
            return true;
        }

        using var wake = cancellationToken.Register(() =>
        {
            lock (_gate)
            {
                Monitor.PulseAll(_gate);
            }
        });
        lock (_gate)
        {
            while (Sent < marker)
            {
                if (_finished || cancellationToken.IsCancellationRequested)
                {
                    return false;
                }

                Monitor.Wait(_gate);
            }
        }

        return true;
    }
}
