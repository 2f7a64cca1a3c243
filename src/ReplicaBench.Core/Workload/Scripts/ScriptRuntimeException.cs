namespace ReplicaBench.Workload.Scripts;

/// <summary>
/// An error while a script runs (division by zero, an undefined variable, an empty <c>random()</c> range, bigint
/// overflow, …). The message is one line in pgbench's words, prefixed with <c>source:LINE:</c> of the command.
/// </summary>
/// <remarks>Not a <see cref="BadInputException"/>: the script parsed, but one run of it failed, as a pgbench client aborts.</remarks>
public sealed class ScriptRuntimeException : Exception
{
    public ScriptRuntimeException()
    {
    }

    public ScriptRuntimeException(string message)
        : base(message)
    {
    }

    public ScriptRuntimeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
