using ReplicaBench.Engine;

namespace ReplicaBench.Tests.Engine;

/// <summary>A virtual user whose operation is a delegate; counts its disposals.</summary>
internal sealed class ScriptedUser(Func<CancellationToken, ValueTask<LoadOutcome>> execute) : IVirtualUser
{
    public int Disposed { get; private set; }

    public ValueTask<LoadOutcome> ExecuteAsync(CancellationToken cancellationToken) => execute(cancellationToken);

    public ValueTask DisposeAsync()
    {
        Disposed++;
        return ValueTask.CompletedTask;
    }
}
