using System.Globalization;
using ReplicaBench.Configuration;
using ReplicaBench.Runs.Settings;

namespace ReplicaBench.Runs.Limits;

/// <summary>
/// <c>replicabench limits</c>: the write rates to step through and what every step shares, each step
/// being one <c>load</c> cell (open model) with these settings at its rate.
/// </summary>
public sealed record LimitsSettings
{
    /// <summary>The default mix: writes only.</summary>
    public const string DefaultMix = "update=100";

    /// <summary>The default step length.</summary>
    public const string DefaultStep = "20s";

    /// <summary>The default warm-up of each step: the lag of a new rate settles in a second or two.</summary>
    public const string DefaultWarmUp = "3s";

    /// <summary>How long the replicas get to replay one step's backlog before the next step starts.</summary>
    public static readonly TimeSpan CatchUpTimeout = TimeSpan.FromMinutes(10);

    /// <summary>How often the catch-up asks each replica where its replay is (see <see cref="LoadMatrixSettings.CatchUpPollInterval"/>).</summary>
    public static readonly TimeSpan CatchUpPollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>Target writes per second, one step each, strictly increasing.</summary>
    public required IReadOnlyList<double> WriteRates { get; init; }

    /// <summary>Where results.json goes; each step's own run folder is under its <c>steps/</c>.</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>Replicas of the topology (provisioned, or the first N of <see cref="StateDir"/>'s).</summary>
    public int Replicas { get; init; } = 1;

    /// <summary>The operation mix (<c>load --mix</c>); its write share turns a write rate into the open model's rate.</summary>
    public string Mix { get; init; } = DefaultMix;

    /// <summary>Where the mix's reads go (<c>load --policy</c>).</summary>
    public string Policy { get; init; } = "round-robin";

    /// <summary>Each step's measured length.</summary>
    public string Step { get; init; } = DefaultStep;

    /// <summary>Each step's warm-up.</summary>
    public string WarmUp { get; init; } = DefaultWarmUp;

    /// <summary>The topology that is up; null to provision one for the run.</summary>
    public string? StateDir { get; init; }

    /// <summary>Node CPU budget of a provisioned topology (<c>load --node-cpus</c>).</summary>
    public string? NodeCpus { get; init; }

    /// <summary>Node memory budget of a provisioned topology (<c>load --node-memory</c>).</summary>
    public string? NodeMemory { get; init; }

    /// <summary>Rows of the bench table the updates hit.</summary>
    public long SeedRows { get; init; } = 100_000;

    /// <summary>Replaces a previous run in <see cref="OutputDirectory"/>.</summary>
    public bool Force { get; init; }

    /// <summary>Checks the rates: positive and strictly increasing, one line otherwise.</summary>
    public static IReadOnlyList<double> CheckRates(IReadOnlyList<double> rates)
    {
        ArgumentNullException.ThrowIfNull(rates);
        if (rates.Count == 0)
        {
            throw new BadInputException("--write-rates names no rate; give increasing writes per second, e.g. --write-rates 500,1000,2000,4000.");
        }

        foreach (var rate in rates.Where(r => !(r > 0) || double.IsInfinity(r)))
        {
            throw new BadInputException(string.Create(CultureInfo.InvariantCulture, $"--write-rates has {rate}, which is not a rate; give positive writes per second, e.g. --write-rates 500,1000,2000,4000."));
        }

        for (var i = 1; i < rates.Count; i++)
        {
            if (rates[i] <= rates[i - 1])
            {
                throw new BadInputException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"--write-rates {string.Join(',', rates)} is not increasing ({rates[i]} after {rates[i - 1]}); give the steps from the lowest rate up, e.g. --write-rates 500,1000,2000,4000."));
            }
        }

        return rates;
    }

    /// <summary>The step folder for <paramref name="writeRate"/>, relative to the output folder, e.g. <c>steps/w2000</c>.</summary>
    public static string StepFolder(double writeRate) => string.Create(CultureInfo.InvariantCulture, $"steps/w{writeRate:0.###}");

    /// <summary>
    /// The <c>load</c> settings of the step at <paramref name="writeRate"/>: an open model at the rate that
    /// makes the mix's writes come to it, without the visibility probe (its markers are writes too).
    /// </summary>
    public LoadSettings StepSettings(double writeRate, int writePercent, string? stateDir) => new()
    {
        Mix = Mix,
        Replicas = new CommaSeparatedList<int>([Replicas]),
        Policies = new CommaSeparatedList<string>([Policy]),
        Rate = writeRate * 100 / writePercent,
        Duration = Step,
        Warmup = WarmUp,
        StateDir = stateDir,
        NodeCpus = stateDir is null ? NodeCpus : null,
        NodeMemory = stateDir is null ? NodeMemory : null,
        SeedRows = SeedRows,
        VisibilityProbe = "off",
        Out = Path.Combine(OutputDirectory, StepFolder(writeRate)),
        Force = true,
    };
}
