using System.ComponentModel;

namespace ReplicaBench.Results;

/// <summary>
/// <c>micro/routing-overhead.json</c>: what the router costs the load generator per point read, as
/// process CPU (user + system) per operation through the router minus through a plain
/// <c>NpgsqlDataSource</c>, measured on the same server in the same run in alternating passes.
/// CPU per operation resolves what the end-to-end BenchmarkDotNet latencies lose in noise.
/// </summary>
[Description("What the router costs per point read: process CPU per operation through the router minus through a plain NpgsqlDataSource, alternating passes, same server, same run.")]
public sealed record RoutingOverheadResults
{
    /// <summary>The version this build writes and reads.</summary>
    public const int CurrentSchemaVersion = 1;

    [Description("Version of this file's layout (1).")]
    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    [Description("When the measurement finished, ISO 8601 UTC.")]
    public string? MeasuredAt { get; init; }

    [Description("What every policy is compared with, e.g. a plain NpgsqlDataSource on the primary.")]
    public string Baseline { get; init; } = "";

    [Description("Concurrent closed-loop readers (one connection and one prepared point read each) per pass.")]
    public int VirtualUsers { get; init; }

    [Description("Point reads per measured pass, all virtual users together.")]
    public int OperationsPerPass { get; init; }

    [Description("Alternating rounds: in each, a baseline pass right before every policy's pass.")]
    public int Rounds { get; init; }

    [Description("Logical cores of the machine (CPU per operation is per process, on all of them).")]
    public int? Cores { get; init; }

    [Description("Median over all baseline passes of the process's CPU per operation, µs.")]
    public double BaselineCpuMicrosPerOperation { get; init; }

    [Description("One entry per routing policy, in the order measured.")]
    public IReadOnlyList<RoutingOverheadPolicy> Policies { get; init => field = value ?? []; } = [];
}
