namespace ReplicaBench.Configuration;

/// <summary>
/// Thrown by the suite's own type converters when a value has the wrong form. Its message is the
/// problem and the fix without the setting's name (<c>'db:x' is not an address; write host or
/// host:port</c>): the converter does not know which flag, variable or field it is converting, so
/// <see cref="SettingsBinder"/> puts that name in front.
/// </summary>
public sealed class SettingFormatException : FormatException
{
    public SettingFormatException(string message)
        : base(message)
    {
    }

    public SettingFormatException()
    {
    }

    public SettingFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
