using ReplicaBench.Configuration;

namespace ReplicaBench.Runs.Settings;

/// <summary>
/// The settings of the <c>long-reads</c> scenario: <c>--scenario long-reads</c> with its read length
/// (<c>--long-read</c>), and the operation timeout that must outlast every read.
/// </summary>
internal static class LongReadsSettings
{
    /// <summary>The long-reads scenario when <c>--scenario long-reads</c> is given without a mix; null otherwise.</summary>
    public static LongReadsScenario? Resolve(LoadSettings settings)
    {
        if (!string.Equals(settings.Scenario?.Trim(), LongReadsScenario.ScenarioName, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (settings.Mix is not null)
        {
            throw new BadInputException(
                $"--scenario {LongReadsScenario.ScenarioName} runs long reads only and has no mix; drop --mix, or drop --scenario to run your mix.");
        }

        return new LongReadsScenario(settings.LongRead is { } typed ? DurationParser.Parse(typed, "--long-read") : LongReadsScenario.DefaultLongRead);
    }

    /// <summary>A read length given for any other scenario would be silently unused: refused.</summary>
    public static void EnsureLengthHasScenario(LoadSettings settings, IWorkloadScenario scenario)
    {
        if (settings.LongRead is not null && scenario is not LongReadsScenario)
        {
            throw new BadInputException(
                $"--long-read sets the length of the reads of scenario {LongReadsScenario.ScenarioName}, and this run is scenario {scenario.Name}; add --scenario {LongReadsScenario.ScenarioName}, or drop --long-read.");
        }
    }

    /// <summary>
    /// The operation timeout: as given, or the default; for long reads, above the read's length —
    /// the read plus the default when not given, and a given one that would end every read is refused.
    /// </summary>
    public static TimeSpan OperationTimeout(LoadSettings settings, IWorkloadScenario scenario)
    {
        var given = settings.OpTimeout is { } typed ? DurationParser.Parse(typed, "--op-timeout") : (TimeSpan?)null;
        if (scenario is not LongReadsScenario { LongRead: var length })
        {
            return given ?? LoadMatrixSettings.DefaultOperationTimeout;
        }

        if (given is { } timeout && timeout <= length)
        {
            throw new BadInputException(
                $"--op-timeout {settings.OpTimeout} would end every long read of {DurationParser.Format(length)} as a timeout; give more than --long-read (e.g. --op-timeout {DurationParser.Format(length + LoadMatrixSettings.DefaultOperationTimeout)}), or leave it out and the long reads get that.");
        }

        return given ?? length + LoadMatrixSettings.DefaultOperationTimeout;
    }
}
