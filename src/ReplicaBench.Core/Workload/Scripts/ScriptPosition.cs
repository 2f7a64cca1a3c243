namespace ReplicaBench.Workload.Scripts;

/// <summary>Where a command sits in a script, so errors raised long after parsing can still say <c>source:LINE:</c>.</summary>
internal readonly record struct ScriptPosition(string Source, int Line)
{
    public override string ToString() => $"{Source}:{Line.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    public ScriptRuntimeException RuntimeError(string message) => new($"{this}: {message}");

    public BadInputException BadInput(string message) => new($"{this}: {message}");
}
