
namespace ReplicaBench.Runs.Settings;

/// <summary>
/// What makes a folder hold a run (results.json or cells/), and removing one. Checking changes
/// nothing, so <c>load --check</c> can run it; removal happens just before the new run starts.
/// </summary>
public static class RunFolder
{
    public static bool HoldsRun(string folder) =>
        File.Exists(Path.Combine(folder, ResultsFileWriter.FileName)) || Directory.Exists(Path.Combine(folder, "cells"));

    /// <summary>Removes the previous run (accepted with --force); other files in the folder (a run-bench run's micro/ results) stay.</summary>
    public static void ClearPreviousRun(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return;
        }

        File.Delete(Path.Combine(folder, ResultsFileWriter.FileName));
        var cells = Path.Combine(folder, "cells");
        if (Directory.Exists(cells))
        {
            Directory.Delete(cells, recursive: true);
        }
    }
}
