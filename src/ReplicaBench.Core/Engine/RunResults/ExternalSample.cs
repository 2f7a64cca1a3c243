namespace ReplicaBench.Engine.RunResults;

/// <summary>
/// A timestamped value appended to the run's time series from outside the engine, e.g. a replica's
/// server-reported replay lag. <see cref="Offset"/> is from the start of the run (warm-up included).
/// </summary>
public sealed record ExternalSample(string Series, TimeSpan Offset, double Value);
