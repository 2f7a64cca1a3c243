using System.Text.RegularExpressions;

namespace ReplicaBench.Reporting.Report;

/// <summary>
/// Last line of defence before text reaches a report: masks passwords in connection strings and
/// URLs even if a writer upstream forgot. Results files should never hold secrets; reports never show one.
/// </summary>
public static partial class SecretScrubber
{
    public static string Scrub(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = KeyValuePassword().Replace(text, "$1=***");
        return UrlPassword().Replace(text, "$1:***@");
    }

    [GeneratedRegex(@"(?i)\b(password|pwd|passfile)\s*=\s*[^;\s]*")]
    private static partial Regex KeyValuePassword();

    [GeneratedRegex(@"(?i)(\w+://[^:/@\s]+):[^@\s]+@")]
    private static partial Regex UrlPassword();
}
