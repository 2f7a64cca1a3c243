namespace ReplicaBench.Engine.Execution;

/// <summary>Runs the virtual users of one load model from start until stop.</summary>
internal interface ILoadDriver : IDisposable
{
    /// <summary>Starts every virtual user (and, in the open model, the pacer).</summary>
    void Start();

    /// <summary>No new operation starts after this; operations in flight finish.</summary>
    void RequestStop();

    /// <summary>Completes when every virtual user has left the run.</summary>
    Task Completion { get; }
}
