using System.ComponentModel;

namespace ReplicaBench.Results;

/// <summary>The machine that ran the load: figures from a 2-core laptop and a 64-core server differ in kind.</summary>
public sealed record MachineInfo(
    [property: Description("Host name of the load machine.")] string? HostName,
    [property: Description("Operating system description.")] string? Os,
    [property: Description("CPU model.")] string? Processor,
    [property: Description("Logical cores the load process could use.")] int? Cores,
    [property: Description("Total memory, GiB.")] double? MemoryGiB);
