namespace ReplicaBench.Engine;

/// <summary>
/// One simulated client. Created once per virtual user before the run starts (open its
/// connection, prepare its commands, make its random source there), then asked to execute one
/// operation at a time, and disposed when the run ends. The engine never calls it concurrently.
/// </summary>
/// <remarks>
/// <see cref="ExecuteAsync"/> runs on whichever thread completed the previous I/O (with
/// <c>DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1</c>, the socket thread itself): it must not
/// block, and should reuse its prepared command and parameters so that an operation allocates as
/// little as possible. Report failures as <see cref="LoadOutcome.Failure"/> with a
/// classified kind; an exception that escapes is recorded against no particular operation.
/// The token is cancelled only when the run's graceful-stop period has run out; let the resulting
/// <see cref="OperationCanceledException"/> escape. Whatever the operation ends with once its token
/// is cancelled (that exception, any other, or a failure outcome) is counted as cancelled at stop:
/// neither a success nor an error of the system under test.
/// </remarks>
public interface IVirtualUser : IAsyncDisposable
{
    ValueTask<LoadOutcome> ExecuteAsync(CancellationToken cancellationToken);
}
