using ReplicaBench.Runs;
using ReplicaBench.Workload;

namespace ReplicaBench.LoadTests;

/// <summary>The catalogue of load scenarios, by the name the CLI and results.json use.</summary>
public static class Scenarios
{
    /// <summary>Every named scenario, in the order help text lists them (<c>custom</c> is made from <c>--mix</c>).</summary>
    public static IReadOnlyList<IWorkloadScenario> All { get; } =
        [new PointReadScenario(), new ReadHeavyScenario(), new BalancedScenario(), new WriteHeavyScenario(), new LongReadsScenario(LongReadsScenario.DefaultLongRead)];

    /// <summary>The name and weights of a mix as results.json records it, <c>NAME (OP=PCT, ...)</c>; null for a mix as typed.</summary>
    private static (string Name, string Weights)? RecordedMix(string mix)
    {
        var text = mix.Trim();
        var open = text.IndexOf(" (", StringComparison.Ordinal);
        return open > 0 && text.EndsWith(')') ? (text[..open], text[(open + 2)..^1]) : null;
    }

    /// <summary>The scenario called <paramref name="name"/>; <see cref="BadInputException"/> naming the valid ones otherwise.</summary>
    public static IWorkloadScenario FromName(string? name)
    {
        if (string.Equals(name?.Trim(), WorkloadMix.CustomName, StringComparison.OrdinalIgnoreCase))
        {
            throw new BadInputException(
                $"--scenario {WorkloadMix.CustomName} runs the mix given with --mix, and there is none; add --mix, e.g. --mix {WorkloadMixParser.Example}.");
        }

        return All.FirstOrDefault(s => string.Equals(s.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? throw new BadInputException(
                $"--scenario: unknown scenario '{name}'; choose one of {string.Join(", ", All.Select(s => s.Name))}, or give your own mix with --mix, e.g. --mix {WorkloadMixParser.Example}.");
    }

    /// <summary>
    /// The scenario a run asks for with <c>--scenario</c> and <c>--mix</c>: a named scenario, or with
    /// <c>--mix</c> (alone or beside <c>--scenario custom</c>) the <see cref="CustomMixScenario"/>.
    /// A named scenario together with <c>--mix</c> is refused: the run would be labelled with a mix
    /// it did not run, and compare would match it against real runs of that scenario.
    /// </summary>
    public static IWorkloadScenario Resolve(string? scenario, string? mix)
    {
        // results.json records the mix as "NAME (point-read=85, range-read=10, ...)": a run file made
        // from run.settings gives it back beside the scenario's name, and then means that scenario.
        if (mix is not null && RecordedMix(mix) is var (name, weights))
        {
            if (scenario is not null && !string.Equals(scenario.Trim(), name, StringComparison.OrdinalIgnoreCase))
            {
                throw new BadInputException($"mix '{mix}' was recorded for scenario {name}, not {scenario}; give one of them, or the mix's weights alone.");
            }

            if (!string.Equals(name, WorkloadMix.CustomName, StringComparison.OrdinalIgnoreCase))
            {
                var recorded = FromName(name);
                return recorded.Mix?.ToString() == mix.Trim()
                    ? recorded
                    : throw new BadInputException($"mix '{mix}' is not the mix of scenario {recorded.Name} ({recorded.Mix}); give --scenario {recorded.Name} alone, or your own weights with --mix.");
            }

            return new CustomMixScenario(WorkloadMixParser.Parse(weights, "--mix"));
        }

        if (mix is null)
        {
            return scenario is null
                ? throw new BadInputException(
                    $"no workload given; add --scenario NAME ({string.Join(", ", All.Select(s => s.Name))}) or your own mix with --mix, e.g. --mix {WorkloadMixParser.Example}.")
                : FromName(scenario);
        }

        if (scenario is not null && !string.Equals(scenario.Trim(), WorkloadMix.CustomName, StringComparison.OrdinalIgnoreCase))
        {
            throw new BadInputException(
                $"--scenario {scenario} and --mix both set the operation mix; drop --scenario (a --mix run is recorded as scenario '{WorkloadMix.CustomName}'), or drop --mix to run {scenario} as defined.");
        }

        var named = All.FirstOrDefault(s => string.Equals(s.Name, mix.Trim(), StringComparison.OrdinalIgnoreCase));
        if (named is not null)
        {
            throw new BadInputException(
                $"--mix '{mix}' is the name of a scenario; use --scenario {named.Name}, or give percentages, e.g. --mix {WorkloadMixParser.Example}.");
        }

        return new CustomMixScenario(WorkloadMixParser.Parse(mix, "--mix"));
    }
}
