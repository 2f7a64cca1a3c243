namespace ReplicaBench.Topology.External;

/// <summary>
/// A password found for one endpoint, and where it came from. <see cref="ToString"/> names only the
/// source, so the value cannot leak through logging, string interpolation or a debugger display.
/// </summary>
public sealed class EndpointPassword
{
    internal EndpointPassword(string value, string source)
    {
        Value = value;
        Source = source;
    }

    /// <summary>Where it came from, e.g. <c>REPLICABENCH_PASSWORD</c> or <c>PGPASSFILE /home/me/.pgpass line 3</c>.</summary>
    public string Source { get; }

    /// <summary>The secret itself; only connection-string builders read it.</summary>
    internal string Value { get; }

    public override string ToString() => $"password from {Source}";
}
