namespace ReplicaBench.Workload.Scripts;

/// <summary>
/// One client's script variables, as pgbench keeps them: set by <c>\set</c> and <c>\gset</c>, kept
/// from one script run to the next, and seeded with <c>client_id</c>, <c>scale</c> and the run's
/// <c>--define</c>s.
/// </summary>
public sealed class ScriptSessionVariables : IScriptVariables
{
    private readonly Dictionary<string, ScriptValue> _values = new(StringComparer.Ordinal);

    public ScriptSessionVariables(int clientId, IReadOnlyDictionary<string, ScriptValue> predefined)
    {
        ArgumentNullException.ThrowIfNull(predefined);
        foreach (var (name, value) in predefined)
        {
            _values[name] = value;
        }

        _values[ScriptWorkload.ClientIdVariable] = ScriptValue.FromInt64(clientId);
    }

    public bool TryGet(string name, out ScriptValue value) => _values.TryGetValue(name, out value);

    public void Set(string name, ScriptValue value) => _values[name] = value;
}
