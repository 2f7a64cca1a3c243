using System.ComponentModel;
using System.Text.Json.Serialization;

namespace ReplicaBench.Results;

/// <summary>
/// One load run as <c>results.json</c> holds it: the run's metadata and one entry per measured cell
/// (topology × policy × scenario). The writer (the load matrix) and every reader (report, compare,
/// plan) use this type, so the file has one definition; <c>loadtests/results.schema.json</c> is
/// generated from it.
/// </summary>
[Description("A ReplicaBench load run: results.json. Figures that were not measured are null, never 0.")]
public sealed record RunResults
{
    /// <summary>The version this build writes. v2 added fields and nulls to v1; it renamed nothing.</summary>
    public const int CurrentSchemaVersion = 2;

    /// <summary>The oldest version this build still reads (v1 files read as v2 with the v2-only fields null).</summary>
    public const int OldestReadableSchemaVersion = 1;

    [Description("The shape's version: 2 (this schema); readers also take 1, whose files lack the v2 additions.")]
    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    [Description("Who, where and how the run was made.")]
    public RunInfo Run { get; init => field = value ?? new(); } = new();

    [Description("One entry per measured topology × policy cell, in the order they ran.")]
    public IReadOnlyList<CellResults> Cells { get; init => field = value ?? []; } = [];

    // Left out when null, so an ordinary run reads and writes back as it did before merge existed.
    [Description("The shards a merged run (replicabench merge) was made from, in the order given; absent for a run that one load made.")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<MergedShard>? Shards { get; init; }

    [Description("What replicabench limits measured: the write-rate steps and each replica's sustainable write rate; absent for a load run.")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public LimitsResults? Limits { get; init; }
}
