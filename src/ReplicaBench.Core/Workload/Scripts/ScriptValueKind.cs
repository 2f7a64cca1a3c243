namespace ReplicaBench.Workload.Scripts;

/// <summary>The type of a <see cref="ScriptValue"/>, as pgbench's expression language types values.</summary>
public enum ScriptValueKind
{
    /// <summary>SQL NULL; also the default value.</summary>
    Null,

    /// <summary>A 64-bit integer (pgbench's bigint).</summary>
    Integer,

    /// <summary>A double-precision number.</summary>
    Double,

    /// <summary>true or false.</summary>
    Boolean,

    /// <summary>Text (from <c>\gset</c>) that is none of the above; using it in an expression is an error.</summary>
    Text,
}
