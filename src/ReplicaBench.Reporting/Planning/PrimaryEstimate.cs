namespace ReplicaBench.Reporting.Planning;

/// <summary>The primary's CPU for the target writes.</summary>
/// <param name="Cpus">Its size, in CPUs.</param>
/// <param name="CoresNeeded">CPU the target writes take at the measured CPU per operation.</param>
/// <param name="Fits">Whether that is within its size less the headroom.</param>
/// <param name="MicrosPerOperation">Its measured CPU microseconds per operation.</param>
internal sealed record PrimaryEstimate(double Cpus, double CoresNeeded, bool Fits, double MicrosPerOperation);
