using System.Globalization;

namespace ReplicaBench.Workload.Scripts;

/// <summary>pgbench's implicit conversions between value types, failing with its messages (plus the command's line).</summary>
internal static class ValueCoercion
{
    public static long ToInt64(ScriptValue value, ScriptPosition position)
    {
        if (value.TryAsInt64(out var result))
        {
            return result;
        }

        throw value.Kind == ScriptValueKind.Double
            ? position.RuntimeError($"double to int overflow for {Format(Math.Round(value.AsDouble(), MidpointRounding.ToEven))}")
            : position.RuntimeError($"cannot coerce {value.TypeName} to int");
    }

    public static double ToDouble(ScriptValue value, ScriptPosition position) =>
        value.Kind is ScriptValueKind.Integer or ScriptValueKind.Double
            ? value.AsDouble()
            : throw position.RuntimeError($"cannot coerce {value.TypeName} to double");

    public static bool ToBoolean(ScriptValue value, ScriptPosition position) =>
        value.Kind == ScriptValueKind.Boolean
            ? value.AsBoolean()
            : throw position.RuntimeError($"cannot coerce {value.TypeName} to boolean");

    /// <summary>pgbench prints doubles in messages with C's <c>%f</c>: six decimals.</summary>
    public static string Format(double value) => value.ToString("F6", CultureInfo.InvariantCulture);
}
