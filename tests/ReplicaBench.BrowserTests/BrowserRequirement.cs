namespace ReplicaBench.BrowserTests;

/// <summary>
/// The browser test drives the system's Chromium (Debian's <c>chromium</c> package, installed by
/// tools/ci/install-prerequisites.sh); Playwright never downloads a browser here. Without it the
/// test skips with the reason, unless <c>REPLICABENCH_REQUIRE_BROWSER=1</c> (set by .ci/run), which
/// turns the skip into a failure.
/// </summary>
internal static class BrowserRequirement
{
    public const string EnvironmentVariable = "REPLICABENCH_REQUIRE_BROWSER";

    /// <summary>Overrides the browser's path (default /usr/bin/chromium).</summary>
    public const string PathVariable = "REPLICABENCH_CHROMIUM";

    public static bool IsRequired => Environment.GetEnvironmentVariable(EnvironmentVariable) == "1";

    public static string ExecutablePath =>
        Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } path ? path : "/usr/bin/chromium";

    /// <summary>The browser's path; skips the calling test (or fails it under CI) when there is none.</summary>
    public static string Ensure()
    {
        var path = ExecutablePath;
        if (File.Exists(path))
        {
            return path;
        }

        var reason = $"no Chromium at {path} (apt-get install chromium, or set {PathVariable})";
        if (IsRequired)
        {
            Assert.Fail($"{EnvironmentVariable}=1 but the report cannot be opened in a browser: {reason}");
        }

        Assert.Skip($"The report's browser test needs Chromium: {reason}");
        return path;
    }
}
