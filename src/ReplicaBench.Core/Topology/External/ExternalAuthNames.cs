namespace ReplicaBench.Topology.External;

/// <summary>The spellings of the external config's <c>auth</c>: <c>password</c> (the default) or <c>iam</c>.</summary>
internal static class ExternalAuthNames
{
    public const string Password = "password";

    public const string Iam = "iam";

    /// <summary>Whether <paramref name="text"/> asks for IAM authentication; null or blank is the default, password.</summary>
    public static bool IsIam(string? text, string field = "auth")
    {
        var value = text?.Trim();
        if (string.IsNullOrEmpty(value) || string.Equals(value, Password, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return string.Equals(value, Iam, StringComparison.OrdinalIgnoreCase)
            ? true
            : throw new BadInputException($"{field}: '{value}' is not an authentication method; use password (the default) or iam (RDS IAM authentication).");
    }
}
