using System.ComponentModel;

namespace ReplicaBench.Results;

/// <summary>
/// <c>micro/routing-overhead.json</c>: what the router costs the load generator per point read, as
/// process CPU (user + system) per operation through the router minus through plain
/// <c>NpgsqlDataSource</c>s on the same servers with the same connection pattern, measured in the
/// same run in alternating passes. Each row names the baseline it was paired with.
/// CPU per operation resolves what the end-to-end BenchmarkDotNet latencies lose in noise.
/// </summary>
[Description("What the router costs per point read: process CPU per operation through the router minus through plain NpgsqlDataSources on the same servers in the same connection pattern, alternating passes, same run.")]
public sealed record RoutingOverheadResults
{
    /// <summary>The version this build writes and reads.</summary>
    /// <remarks>2: every row has its own <see cref="RoutingOverheadPolicy.Baseline"/>; in version 1 every row was compared with <see cref="Baseline"/>.</remarks>
    public const int CurrentSchemaVersion = 2;

    [Description("Version of this file's layout (2: each row names its own baseline; 1: every row was compared with the top-level baseline).")]
    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    [Description("When the measurement finished, ISO 8601 UTC.")]
    public string? MeasuredAt { get; init; }

    [Description("The first row's baseline, e.g. a plain NpgsqlDataSource on the primary (each row names its own in policies[].baseline).")]
    public string Baseline { get; init; } = "";

    [Description("Concurrent closed-loop readers (one connection and one prepared point read each) per pass.")]
    public int VirtualUsers { get; init; }

    [Description("Point reads per measured pass, all virtual users together.")]
    public int OperationsPerPass { get; init; }

    [Description("Alternating rounds: in each, a baseline pass right before every policy's pass.")]
    public int Rounds { get; init; }

    [Description("Logical cores of the machine (CPU per operation is per process, on all of them).")]
    public int? Cores { get; init; }

    [Description("Median over the passes of the top-level baseline of the process's CPU per operation, µs.")]
    public double BaselineCpuMicrosPerOperation { get; init; }

    [Description("One entry per routing policy, in the order measured.")]
    public IReadOnlyList<RoutingOverheadPolicy> Policies { get; init => field = value ?? []; } = [];
}
