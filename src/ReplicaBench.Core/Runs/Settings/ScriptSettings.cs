using System.Text.RegularExpressions;
using ReplicaBench.Workload.Scripts;

namespace ReplicaBench.Runs.Settings;

/// <summary>
/// The script side of <c>load</c>'s settings: <c>--script FILE[@WEIGHT]</c> (parsed and checked here,
/// before anything starts), <c>--define NAME=VALUE</c>, and how they sit with <c>--scenario</c>,
/// <c>--mix</c> and <c>--no-seed</c>. Each mistake is one <see cref="BadInputException"/> line.
/// </summary>
internal static partial class ScriptSettings
{
    /// <summary>The scripts' scenario, or null for a run of a built-in scenario or mix.</summary>
    public static ScriptScenario? Resolve(LoadSettings settings)
    {
        if (settings.Scripts is not { Count: > 0 } files)
        {
            if (settings.Defines is { Count: > 0 })
            {
                throw new BadInputException("--define sets variables of your own scripts; add --script FILE, or drop --define.");
            }

            if (settings.NoSeed)
            {
                throw new BadInputException(
                    "--no-seed leaves the suite's own table out, and the built-in operations read and write it; run your own queries with --script FILE, or drop --no-seed.");
            }

            return null;
        }

        if (settings.Mix is not null)
        {
            throw new BadInputException("--script and --mix both say what to run; drop --mix (the scripts' weights set the mix), or drop --script.");
        }

        if (settings.Scenario is { } scenario && !string.Equals(scenario.Trim(), ScriptWorkload.ScenarioName, StringComparison.OrdinalIgnoreCase))
        {
            throw new BadInputException(
                $"--scenario {scenario} and --script both say what to run; drop --scenario (a script run is recorded as scenario '{ScriptWorkload.ScenarioName}'), or drop --script.");
        }

        if (settings.NoSeed && settings.StateDir is null)
        {
            throw new BadInputException(
                "--no-seed uses the schema and data that are there, and a topology the run provisions starts empty; bring one up with 'replicabench topology up', load your schema into it (e.g. pgbench -i), and add --state-dir DIR.");
        }

        var scripts = files.Select(PgbenchScriptParser.Load).ToList();
        return new ScriptScenario(new ScriptWorkload(scripts, Defines(settings.Defines ?? [])));
    }

    private static Dictionary<string, ScriptValue> Defines(IEnumerable<string> defines)
    {
        var variables = new Dictionary<string, ScriptValue>(StringComparer.Ordinal);
        foreach (var define in defines)
        {
            var equals = define.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? define.Trim() : define[..equals].Trim();
            if (equals < 0 || !VariableName().IsMatch(name))
            {
                throw new BadInputException(
                    $"--define '{define}' is not NAME=VALUE with a variable name of letters, digits and underscores; e.g. --define scale=10.");
            }

            variables[name] = ScriptValue.FromText(define[(equals + 1)..].Trim());
        }

        return variables;
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex VariableName();
}
