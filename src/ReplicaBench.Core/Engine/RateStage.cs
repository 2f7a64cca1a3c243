namespace ReplicaBench.Engine;

/// <summary>
/// One stage of a staged arrival rate (as in k6's ramping-arrival-rate): over <see cref="Duration"/>
/// the rate moves linearly from where the previous stage ended to <see cref="TargetRate"/>.
/// </summary>
/// <param name="Duration">How long the stage lasts.</param>
/// <param name="TargetRate">Operations per second reached at the end of the stage.</param>
public readonly record struct RateStage(TimeSpan Duration, double TargetRate);
