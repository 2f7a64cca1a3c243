namespace ReplicaBench.Workload.Scripts;

/// <summary>
/// A plain, dictionary-backed <see cref="IScriptVariables"/>: one client's variables. Not thread-safe, like the
/// client that owns it.
/// </summary>
public sealed class ScriptVariables : IScriptVariables
{
    private readonly Dictionary<string, ScriptValue> _values = new(StringComparer.Ordinal);

    public int Count => _values.Count;

    public ScriptValue this[string name]
    {
        get => _values[name];
        set => _values[name] = value;
    }

    public bool TryGet(string name, out ScriptValue value) => _values.TryGetValue(name, out value);

    /// <summary>Sets <paramref name="name"/> and returns this, so predefined variables can be chained.</summary>
    public ScriptVariables Set(string name, ScriptValue value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        _values[name] = value;
        return this;
    }
}
