namespace ReplicaBench.Workload.Scripts;

/// <summary>The variables an expression reads while it is evaluated: one client's <c>\set</c>/<c>\gset</c> results plus predefined ones such as <c>scale</c>.</summary>
public interface IScriptVariables
{
    /// <summary>Looks <paramref name="name"/> up (case-sensitive, as in pgbench).</summary>
    bool TryGet(string name, out ScriptValue value);
}
