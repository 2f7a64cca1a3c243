using ReplicaBench.Load;

namespace ReplicaBench.Tests.Load;

/// <summary>A virtual user whose operation is a delegate; counts its disposals.</summary>
internal sealed class ScriptedUser(Func<CancellationToken, ValueTask<OperationOutcome>> execute) : IVirtualUser
{
    public int Disposed { get; private set; }

    public ValueTask<OperationOutcome> ExecuteAsync(CancellationToken cancellationToken) => execute(cancellationToken);

    public ValueTask DisposeAsync()
    {
        Disposed++;
        return ValueTask.CompletedTask;
    }
}
