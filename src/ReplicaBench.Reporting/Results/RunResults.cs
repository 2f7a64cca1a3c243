namespace ReplicaBench.Reporting.Results;

/// <summary>
/// One load run as written to <c>results.json</c> (see RESULTS_SCHEMA): the run's metadata and one
/// entry per measured cell (topology × policy × scenario). Read-only input to reports, compare and plan.
/// </summary>
public sealed record RunResults
{
    /// <summary>The newest <c>schemaVersion</c> this reader understands; newer files are refused, not guessed at.</summary>
    public const int SupportedSchemaVersion = 1;

    public int SchemaVersion { get; init; }

    public RunInfo Run { get; init; } = new();

    public IReadOnlyList<CellResults> Cells { get; init; } = [];
}
