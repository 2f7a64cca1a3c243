namespace ReplicaBench.Tests.Topology.External;

/// <summary>Environment variables for one test, so tests never read or change the process environment.</summary>
internal sealed class FakeEnvironment
{
    private readonly Dictionary<string, string> _variables = new(StringComparer.Ordinal);

    public FakeEnvironment(params (string Name, string Value)[] variables)
    {
        foreach (var (name, value) in variables)
        {
            _variables[name] = value;
        }

        // A developer's own ~/.pgpass must not leak into tests: HOME points nowhere unless a test sets it.
        _variables.TryAdd("HOME", "/nonexistent-home");
        _variables.TryAdd("APPDATA", "/nonexistent-home");
    }

    public Func<string, string?> Get => name => _variables.GetValueOrDefault(name);
}
