using ReplicaBench.Configuration;

namespace ReplicaBench.Runs.Settings;

/// <summary>
/// The settings of a load matrix run (<c>replicabench load</c>) as the user gives them: flags,
/// <c>REPLICABENCH_LOAD_*</c> variables, and any other configuration source layered under the flags
/// (a JSON run file). The keys are those of results.json's <c>run.settings</c> (<c>vus</c>,
/// <c>maxVus</c>, <c>warmup</c>, ...), so a recorded run can be given again. Durations stay in the
/// form typed (<c>"30s"</c>); <see cref="LoadMatrixSettingsFactory"/> checks everything
/// (<see cref="LoadSettingsValidator"/>) and turns it into <see cref="LoadMatrixSettings"/>.
/// </summary>
public sealed class LoadSettings
{
    /// <summary>What an environment variable's name starts with to set a load setting: <c>REPLICABENCH_LOAD_VUS=16</c>.</summary>
    public const string EnvironmentPrefix = "REPLICABENCH_LOAD_";

    /// <summary>The default of <see cref="Replicas"/> when the run provisions its topologies.</summary>
    public static readonly IReadOnlyList<int> DefaultReplicas = [0, 2];

    /// <summary>The default of <see cref="Policies"/>: the baseline and the simplest spread.</summary>
    public static readonly IReadOnlyList<string> DefaultPolicies = ["primary-only", "round-robin"];

    /// <summary>What a run file (<c>load --run-file</c>) is, for its messages.</summary>
    public static readonly SettingsFileKind RunFileKind =
        new("--run-file", "the run file", "one JSON object of load settings, with the keys of results.json's run.settings", "loadtests/README.md");

    /// <summary>The closed model's users when neither <see cref="Vus"/> nor <see cref="Rate"/> is given.</summary>
    public const int DefaultVirtualUsers = 16;

    /// <summary>A named scenario (<c>--scenario</c>); give this or <see cref="Mix"/>.</summary>
    public string? Scenario { get; set; }

    /// <summary>Your own weights (<c>--mix point-read=90,update=10</c>); the run is then scenario <c>custom</c>.</summary>
    public string? Mix { get; set; }

    /// <summary>
    /// Your own pgbench-style scripts instead of a scenario (<c>--script FILE[@WEIGHT]</c>, repeatable):
    /// each is one operation type named after its file, drawn by weight as <c>pgbench -f file@w</c>.
    /// </summary>
    public CommaSeparatedList<string>? Scripts { get; set; }

    /// <summary>Script variables every client starts with, <c>NAME=VALUE</c> (<c>--define</c>, pgbench's <c>-D</c>).</summary>
    public CommaSeparatedList<string>? Defines { get; set; }

    /// <summary>
    /// Use the schema and data that are there (<c>--no-seed</c>): the suite's own table is neither
    /// created nor touched; staleness then comes from the visibility probe and the servers' lag.
    /// </summary>
    public bool NoSeed { get; set; }

    /// <summary>Replica counts to provision, in order (<c>--replicas 0,2</c>).</summary>
    /// <value>Default <see cref="DefaultReplicas"/>; with <see cref="StateDir"/>, whatever is up there.</value>
    public CommaSeparatedList<int>? Replicas { get; set; }

    /// <summary>Routing policies to run on each topology, in order (<c>--policy</c>).</summary>
    /// <value>Default <see cref="DefaultPolicies"/>. Null rather than a filled list because binding adds a file's items to a list it finds.</value>
    public CommaSeparatedList<string>? Policies { get; set; }

    /// <summary>
    /// <c>closed</c> or <c>open</c>, as run.settings records it; the model itself follows from
    /// <see cref="Vus"/> or <see cref="Rate"/>, so this only checks that a run file agrees with them.
    /// </summary>
    public string? Model { get; set; }

    /// <summary>Closed model: the number of virtual users (<c>--vus</c>).</summary>
    /// <value>Default <see cref="DefaultVirtualUsers"/> when <see cref="Rate"/> is not given either.</value>
    public int? Vus { get; set; }

    /// <summary>Open model: target operations per second (<c>--rate</c>).</summary>
    public double? Rate { get; set; }

    /// <summary>Open model: <c>poisson</c> (default) or <c>even</c> (<c>--arrivals</c>).</summary>
    public string? Arrivals { get; set; }

    /// <summary>Open model: the pool of virtual users serving arrivals (<c>--max-vus</c>).</summary>
    /// <value>Default 1% of the rate, 8 to 256 (<see cref="Engine.LoadShapeOptions.DefaultPoolFor"/>).</value>
    public int? MaxVus { get; set; }

    /// <summary>Measured time per cell (<c>--duration</c>).</summary>
    /// <value>Default 30s, or with <see cref="Stages"/> their total.</value>
    public string? Duration { get; set; }

    /// <summary>
    /// Open model: k6-style stages of the arrival rate, <c>DURATION:RATE</c> each (<c>--stages 30s:100,1m:100,30s:0</c>),
    /// from <see cref="Rate"/> (default 0) at the start of the measured duration; the warm-up runs at that start rate.
    /// </summary>
    public CommaSeparatedList<string>? Stages { get; set; }

    /// <summary>Closed model: the pause between a virtual user's operations, <c>5ms</c> or <c>5ms..20ms</c> (<c>--think</c>).</summary>
    public string? Think { get; set; }

    /// <summary>
    /// Seeds every virtual user's random choices (keys, script draws, think times) and the open
    /// model's arrivals (<c>--random-seed</c>). Runs are reproducible without it too; a different seed gives a different, equally reproducible run.
    /// </summary>
    public int? RandomSeed { get; set; }

    /// <summary>Warm-up per cell, run and not counted (<c>--warmup</c>).</summary>
    /// <value>Default 5s.</value>
    public string Warmup { get; set; } = "5s";

    /// <summary>
    /// Extra warm-up of the run's first cell, which also warms the load generator itself (JIT
    /// tiering, thread pool) (<c>--generator-warmup</c>); <c>0s</c> turns it off for runs whose
    /// figures are not throughput, such as smoke tests.
    /// </summary>
    /// <value>Default 5s (<see cref="LoadMatrixSettings.FirstCellExtraWarmUp"/>).</value>
    public string GeneratorWarmup { get; set; } = "5s";

    /// <summary>
    /// How long one operation (opening its connection included) may take before it ends as a
    /// <c>timeout</c> error (<c>--op-timeout</c>), so that a frozen or silent node stalls no virtual
    /// user for longer. Must exceed the longest operation the scenario means to run (a script's
    /// <c>\sleep</c> or slow query included), or those end as timeouts too.
    /// </summary>
    /// <value>Default 5s; with <c>--scenario long-reads</c>, <see cref="LongRead"/> plus 5s.</value>
    public string? OpTimeout { get; set; }

    /// <summary>Scenario <c>long-reads</c>: how long each read holds its snapshot (<c>--long-read 5s</c>).</summary>
    /// <value>Default 5s (<see cref="LongReadsScenario.DefaultLongRead"/>); only with that scenario.</value>
    public string? LongRead { get; set; }

    /// <summary>
    /// The replicas' <c>hot_standby_feedback</c> per cell, <c>off</c>, <c>on</c> or <c>off,on</c>
    /// (<c>--hot-standby-feedback</c>): a matrix dimension, set by ALTER SYSTEM and a reload before
    /// each cell and put back as the topology had it after the run.
    /// </summary>
    /// <value>Default null: the topology's own setting, untouched.</value>
    public CommaSeparatedList<string>? HotStandbyFeedback { get; set; }

    /// <summary>Replica apply delays for provisioned topologies: <c>100ms</c> for all, <c>replica2=100ms</c> for one (<c>--apply-delay</c>).</summary>
    public CommaSeparatedList<string>? ApplyDelay { get; set; }

    /// <summary>Each provisioned server's CPU quota: <c>0.3</c> for every node, <c>primary=0.6,replicas=0.2</c> per role (<c>--node-cpus</c>).</summary>
    public string? NodeCpus { get; set; }

    /// <summary>Each provisioned server's memory limit: <c>1GB</c>, or <c>primary=2GB,replicas=1GB</c> (<c>--node-memory</c>).</summary>
    public string? NodeMemory { get; set; }

    /// <summary>Pass/fail checks per cell, e.g. <c>p99&lt;5ms</c> (<c>--threshold</c>).</summary>
    public CommaSeparatedList<string>? Thresholds { get; set; }

    /// <summary>Faults injected into every cell, <c>KIND[:NODE]@TIME</c> (<c>--fault</c>).</summary>
    public CommaSeparatedList<string>? Faults { get; set; }

    /// <summary>
    /// How many times each cell is measured (<c>--repeat</c>), policies alternating; compare reads
    /// the between-run variance from the repeats.
    /// </summary>
    /// <value>Default 1; at most <see cref="MaxRepeat"/>.</value>
    public int Repeat { get; set; } = 1;

    /// <summary>The most measurements per cell <c>--repeat</c> takes: beyond it a run is better split into runs.</summary>
    public const int MaxRepeat = 20;

    /// <summary>Rows seeded once per topology (<c>--seed-rows</c>).</summary>
    /// <value>Default 100,000.</value>
    public long SeedRows { get; set; } = 100_000;

    /// <summary>The visibility probe's marker spacing, or <c>off</c> (<c>--visibility-probe</c>).</summary>
    /// <value>Default 200ms: about 5 marker writes a second, negligible next to the load.</value>
    public string VisibilityProbe { get; set; } = DurationParser.Format(LoadMatrixSettings.DefaultVisibilityProbeSpacing);

    /// <summary>The run folder for results.json and cells/ (<c>--out</c>). Required.</summary>
    public string? Out { get; set; }

    /// <summary>Replace a previous run in <see cref="Out"/> (<c>--force</c>).</summary>
    public bool Force { get; set; }

    /// <summary>Run on the topology already up in this state dir instead of provisioning (<c>--state-dir</c>).</summary>
    public string? StateDir { get; set; }

    /// <summary>Run shard i of N of the matrix (<c>--shard i/N</c>): 1/N of the users or of the arrivals; needs <see cref="StartAt"/>.</summary>
    public string? Shard { get; set; }

    /// <summary>The UTC instant every shard plans its cells from (<c>--start-at</c>, ISO 8601 with a Z); only with <see cref="Shard"/>.</summary>
    public string? StartAt { get; set; }
}
