namespace ReplicaBench.Workload;

/// <summary>
/// The one schema the suite owns. Everything it creates (bench tables, probe markers) lives here,
/// and nothing outside it is ever created, changed or dropped: against someone's real database
/// (the external provider) that is the safety promise.
/// </summary>
public static class SuiteSchema
{
    public const string Name = "replicabench";
}
