namespace ReplicaBench.BrowserTests;

/// <summary>
/// Where the browser test leaves its full-page screenshots: <c>$REPLICABENCH_ARTIFACTS</c> (.ci/run
/// sets it to TestResults/artifacts, beside the TRX files CI keeps), else <c>artifacts/</c> in the
/// test project's output folder.
/// </summary>
internal static class ScreenshotArtifacts
{
    public const string EnvironmentVariable = "REPLICABENCH_ARTIFACTS";

    public static string PathFor(string name)
    {
        var directory = Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } configured
            ? configured
            : Path.Combine(AppContext.BaseDirectory, "artifacts");
        Directory.CreateDirectory(directory);
        return Path.Combine(directory, name);
    }
}
