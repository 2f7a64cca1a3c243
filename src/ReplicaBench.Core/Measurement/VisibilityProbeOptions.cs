using System.Globalization;

namespace ReplicaBench.Measurement;

/// <summary>How many markers the <see cref="VisibilityProbe"/> writes, how far apart, and how it polls.</summary>
public sealed record VisibilityProbeOptions
{
    /// <summary>Most markers one probe writes.</summary>
    public const int MaxSamples = 1_000_000;

    /// <summary>Markers to write; each gives one delay per replica.</summary>
    /// <value>100: enough for a stable p50/p90 and a first look at p99.</value>
    public int Samples { get; init; } = 100;

    /// <summary>Pause after one marker's commit is acknowledged before the next is written.</summary>
    /// <value>20 ms: 50 tiny commits a second do not load the servers, and the probe takes about
    /// samples × spacing plus the slowest replica's delay (markers are in flight together, so a
    /// delayed replica does not slow the probe down per sample).</value>
    public TimeSpan Spacing { get; init; } = TimeSpan.FromMilliseconds(20);

    /// <summary>How long after its acknowledgement a marker may stay invisible on a replica before it
    /// counts as a timeout for that replica (the probe moves on instead of hanging). A timed-out
    /// marker is a censored sample: its delay is at least this, and percentiles that fall among
    /// such markers are reported as "at least" (see <see cref="VisibilityDelay"/>). Also bounds how
    /// long a replica may take to answer one poll.</summary>
    /// <value>10 s.</value>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long the writer may go on sending markers, from the first one; markers of
    /// <see cref="Samples"/> not sent by then are counted as planned but not sent (the probe did not
    /// keep up). Null: no limit, every marker is sent.
    /// </summary>
    /// <value>Null. A probe beside a load run sets it so that its last markers are seen before the run ends.</value>
    public TimeSpan? SendWindow { get; init; }

    /// <summary>
    /// A poll of a replica that starts more than this after it was meant to (the previous poll's
    /// start plus the intended pause) is counted as far behind: the poller's thread was starved, or
    /// the replica answered slowly, and the markers it was waiting for are measured that coarsely.
    /// </summary>
    /// <value>10 ms: ten times the longest intended pause.</value>
    public TimeSpan PollLatenessLimit { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>Shortest pause between two polls of a replica (the pace right after a write).</summary>
    /// <value>100 µs (about 0.2 ms on Linux, ~1 ms where the OS has no finer sleep).</value>
    /// <remarks>
    /// Polling bounds the measurement from both sides. A marker is only known to have become visible
    /// between the last poll that missed it and the first that saw it, so polls must be close
    /// together; but every poll is CPU that the replica's WAL receiver and startup process do not
    /// get. Measured on a busy 2-core machine: polling back to back for the first 20 ms pushed an
    /// undelayed replica's p90 from 3.5–7 ms to ~23 ms. So polls are paced: before each poll the
    /// poller sleeps a tenth of the age of the oldest marker it has not seen yet, between
    /// <see cref="MinPollInterval"/> and <see cref="MaxPollInterval"/>. The resolution stays within
    /// ~10% of the delay being measured (~0.2–0.3 ms for an idle replica's sub-millisecond delay,
    /// ~1 ms for a 300 ms apply delay), no CPU is kept busy, and each result reports the resolution
    /// it actually had.
    /// </remarks>
    public TimeSpan MinPollInterval { get; init; } = TimeSpan.FromMicroseconds(100);

    /// <summary>Longest pause between two polls of a replica (the pace once a marker is old).</summary>
    /// <value>1 ms (about 1.1 ms on Linux): under 0.5% of a 300 ms apply delay, at a few percent of a core.</value>
    public TimeSpan MaxPollInterval { get; init; } = TimeSpan.FromMilliseconds(1);

    /// <summary>Checks the settings, naming the command-line option in the message.</summary>
    public void Validate()
    {
        if (Samples is < 1 or > MaxSamples)
        {
            throw new BadInputException(string.Create(
                CultureInfo.InvariantCulture,
                $"--samples {Samples} is out of range; pass 1 to {MaxSamples}, e.g. --samples 100."));
        }

        if (Spacing < TimeSpan.Zero)
        {
            throw new BadInputException("--spacing must not be negative; pass e.g. --spacing 20ms.");
        }

        if (Timeout <= TimeSpan.Zero)
        {
            throw new BadInputException("--timeout must be positive; pass e.g. --timeout 10s.");
        }

        if (SendWindow is { } window && window <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(SendWindow), "the send window must be positive when set");
        }

        if (PollLatenessLimit <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(PollLatenessLimit), "the poll lateness limit must be positive");
        }

        if (MinPollInterval <= TimeSpan.Zero || MaxPollInterval < MinPollInterval)
        {
            throw new ArgumentOutOfRangeException(nameof(MinPollInterval), "poll intervals must be positive, the maximum at least the minimum");
        }
    }
}
