using System.Globalization;

namespace ReplicaBench.Benchmarks;

/// <summary>Where a run's output goes by default: <c>reports/&lt;run-id&gt;</c> at the repository root.</summary>
public static class RunFolders
{
    public static string DefaultRunDirectory(TimeProvider? time = null)
    {
        var runId = (time ?? TimeProvider.System).GetUtcNow().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        return Path.Combine(RepositoryRoot() ?? Directory.GetCurrentDirectory(), "reports", runId);
    }

    /// <summary>The nearest folder above the current one that holds ReplicaBench.sln, if any.</summary>
    public static string? RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ReplicaBench.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
