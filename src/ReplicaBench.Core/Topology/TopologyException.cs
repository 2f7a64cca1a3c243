namespace ReplicaBench.Topology;

/// <summary>A topology could not be started, reached or stopped for a reason outside the user's input.</summary>
public sealed class TopologyException : Exception
{
    public TopologyException(string message)
        : base(message)
    {
    }

    public TopologyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public TopologyException()
    {
    }
}
