using System.Diagnostics.CodeAnalysis;

namespace ReplicaBench.Routing;

/// <summary>
/// An operation failed before it could run: the connection to the chosen node could not be opened.
/// The failure is already classified and counted (and a replica marked down); the original
/// exception is the inner exception.
/// </summary>
[SuppressMessage("Design", "CA1032:Implement standard exception constructors", Justification = "Always carries a classified failure; a bare message would lose it.")]
public sealed class OperationFailedException : Exception
{
    public OperationFailedException(OperationFailure failure, Exception innerException)
        : base(failure.Message, innerException)
    {
        Failure = failure;
    }

    public OperationFailure Failure { get; }
}
