namespace ReplicaBench.Reporting.Results;

/// <summary>The machine that ran the load.</summary>
public sealed record MachineInfo(string? HostName, string? Os, string? Processor, int? Cores, double? MemoryGiB);
