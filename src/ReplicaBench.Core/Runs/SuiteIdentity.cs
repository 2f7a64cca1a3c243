using System.Diagnostics;
using System.Reflection;

namespace ReplicaBench.Runs;

/// <summary>Which build of the suite produced a run: comparisons across versions need to know.</summary>
public sealed record SuiteIdentity(string Version, string Commit)
{
    /// <summary>
    /// The informational version of the core assembly (build metadata after '+' dropped) and the
    /// commit from <c>git rev-parse --short HEAD</c> in the working directory, or "unknown".
    /// </summary>
    public static SuiteIdentity Detect()
    {
        var informational = typeof(SuiteIdentity).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        var version = plus < 0 ? informational : informational[..plus];
        return new SuiteIdentity(version, GitCommit() ?? "unknown");
    }

    private static string? GitCommit()
    {
        try
        {
            var start = new ProcessStartInfo("git", "rev-parse --short HEAD")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            using var git = Process.Start(start);
            if (git is null)
            {
                return null;
            }

            var output = git.StandardOutput.ReadToEnd().Trim();
            return git.WaitForExit(5000) && git.ExitCode == 0 && output.Length > 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
