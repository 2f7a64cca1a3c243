namespace ReplicaBench;

/// <summary>
/// Input the user can fix: a bad option, config, credential or environment. The message is one
/// line that names the problem and the fix; front ends print it without a stack trace and exit 2.
/// </summary>
public sealed class BadInputException : Exception
{
    public BadInputException(string message)
        : base(message)
    {
    }

    public BadInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public BadInputException()
    {
    }
}
