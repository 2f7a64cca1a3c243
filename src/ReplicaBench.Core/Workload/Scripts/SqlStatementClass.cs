namespace ReplicaBench.Workload.Scripts;

/// <summary>How one SQL statement is classified: whether it may write, and its effect on the transaction.</summary>
internal readonly record struct SqlStatementClass(bool Writes, SqlTransactionEffect Transaction = SqlTransactionEffect.None)
{
    public static SqlStatementClass Read => new(false);

    public static SqlStatementClass Write => new(true);
}
