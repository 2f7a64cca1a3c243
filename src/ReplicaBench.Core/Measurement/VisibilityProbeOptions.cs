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
    /// counts as a timeout for that replica (the probe moves on instead of hanging). Also bounds how
    /// long a replica may take to answer one poll.</summary>
    /// <value>10 s.</value>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>For this long after a marker's acknowledgement, replicas are polled back to back.</summary>
    /// <value>20 ms. Poll resolution bounds the measurement: a marker is known to have become visible
    /// between the last poll that missed it and the first that saw it. Back-to-back polls on loopback
    /// are ~0.1 ms apart, which is what an idle replica's 0.3–0.5 ms visibility delay needs, and the
    /// window covers the bulk of visibility under write load too. Polling like that costs a server
    /// backend and the client most of a core, so it is not kept up for long.</value>
    public TimeSpan TightPollWindow { get; init; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Pause between polls once the oldest unseen marker is older than <see cref="TightPollWindow"/>.</summary>
    /// <value>1 ms (about 1.1 ms with .NET timers on Linux): under 5% of any delay that reaches this
    /// regime (≥ 20 ms) and under 0.5% of a 300 ms apply delay, at a few percent of a core.
    /// Each result reports the resolution it actually had.</value>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(1);

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

        if (TightPollWindow < TimeSpan.Zero || PollInterval < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(PollInterval), "poll window and interval must not be negative");
        }
    }
}
