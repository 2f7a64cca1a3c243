using System.Globalization;
using Microsoft.Extensions.Options;
using ReplicaBench.Configuration;
using ReplicaBench.Topology;

namespace ReplicaBench.Runs.Settings;

/// <summary>
/// Checks each <see cref="LoadSettings"/> value on its own: ranges, durations, replica counts and the
/// output folder. What needs several values together (a scenario and its mix, a load shape,
/// thresholds against the nodes, faults against the topologies) is checked where it is built, by
/// <see cref="LoadMatrixSettingsFactory"/>. The first problem is the failure, one line naming the
/// setting as the user wrote it (a flag, a variable or a file's field).
/// </summary>
/// <param name="names">Names each setting after the source that supplied it.</param>
public sealed class LoadSettingsValidator(SettingNames names) : IValidateOptions<LoadSettings>
{
    public ValidateOptionsResult Validate(string? name, LoadSettings options)
    {
        var problem = VirtualUsers(options) ?? Durations(options) ?? SeedRows(options) ?? Repeat(options) ?? Replicas(options) ?? Output(options);
        return problem is null ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problem);
    }

    private string? VirtualUsers(LoadSettings options) => options.Vus is <= 0
        ? string.Create(CultureInfo.InvariantCulture, $"{names.Of("vus")} {options.Vus} is not a positive number of virtual users; give at least 1, e.g. --vus 16.")
        : null;

    private string? Durations(LoadSettings options)
    {
        if (options.Duration is not null && !DurationParser.TryParse(options.Duration, out _))
        {
            return NotADuration("duration", options.Duration);
        }

        if (!DurationParser.TryParse(options.Warmup, out _))
        {
            return NotADuration("warmup", options.Warmup);
        }

        if (!DurationParser.TryParse(options.GeneratorWarmup, out _))
        {
            return NotADuration("generatorWarmup", options.GeneratorWarmup);
        }

        var opTimeout = LoadMatrixSettings.DefaultOperationTimeout;
        if (options.OpTimeout is not null && !DurationParser.TryParse(options.OpTimeout, out opTimeout))
        {
            return NotADuration("opTimeout", options.OpTimeout);
        }

        if (options.OpTimeout is not null && (opTimeout < MinimumOperationTimeout || opTimeout > MaximumOperationTimeout))
        {
            return $"{names.Of("opTimeout")} {options.OpTimeout} is out of range; give 100ms to 1h, longer than the longest operation the scenario runs (e.g. --op-timeout 5s).";
        }

        var longRead = LongReadsScenario.DefaultLongRead;
        if (options.LongRead is not null && !DurationParser.TryParse(options.LongRead, out longRead))
        {
            return NotADuration("longRead", options.LongRead);
        }

        if (options.LongRead is not null && (longRead <= TimeSpan.Zero || longRead > MaximumLongRead))
        {
            return $"{names.Of("longRead")} {options.LongRead} is out of range; give a length above 0 and up to 30m, e.g. --long-read 5s.";
        }

        if (string.Equals(options.VisibilityProbe, "off", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return !DurationParser.TryParse(options.VisibilityProbe, out var spacing) ? NotADuration("visibilityProbe", options.VisibilityProbe)
            : spacing < MinimumProbeSpacing ? $"{names.Of("visibilityProbe")} {options.VisibilityProbe} is too short to leave the load alone; give 10ms or more (e.g. 200ms), or 'off'."
            : null;
    }

    /// <summary>Shorter would end ordinary operations on a loaded machine as timeouts.</summary>
    public static readonly TimeSpan MinimumOperationTimeout = TimeSpan.FromMilliseconds(100);

    /// <summary>Npgsql's connect timeout, which backs the operation timeout up, stops at 1024 s; an hour is far beyond any benchmark operation anyway.</summary>
    public static readonly TimeSpan MaximumOperationTimeout = TimeSpan.FromHours(1);

    /// <summary>The longest <c>--long-read</c>: its operation timeout (the read plus 5 s) stays far under the 1 h limit.</summary>
    public static readonly TimeSpan MaximumLongRead = TimeSpan.FromMinutes(30);

    /// <summary>Closer markers would make the probe a load of its own.</summary>
    public static readonly TimeSpan MinimumProbeSpacing = TimeSpan.FromMilliseconds(10);

    private string? Repeat(LoadSettings options) => options.Repeat is < 1 or > LoadSettings.MaxRepeat
        ? string.Create(CultureInfo.InvariantCulture, $"{names.Of("repeat")} {options.Repeat} is out of range; give 1 to {LoadSettings.MaxRepeat} measurements per cell, e.g. --repeat 3.")
        : null;

    private string? SeedRows(LoadSettings options) => options.SeedRows is < 1 or > Workload.WorkloadSeeder.MaxRows
        ? string.Create(CultureInfo.InvariantCulture, $"{names.Of("seedRows")} {options.SeedRows} is out of range; give 1 to {Workload.WorkloadSeeder.MaxRows}, e.g. --seed-rows 100000.")
        : null;

    private string? Replicas(LoadSettings options)
    {
        if (options.Replicas is { Count: 0 })
        {
            return $"{names.Of("replicas")} lists no replica count; give at least one, e.g. --replicas 0,2.";
        }

        var seen = new HashSet<int>();
        foreach (var count in options.Replicas ?? [])
        {
            if (count is < 0 or > TopologyRequest.MaxReplicas)
            {
                return string.Create(
                    CultureInfo.InvariantCulture,
                    $"{names.Of("replicas")} '{options.Replicas}': '{count}' is not a replica count from 0 to {TopologyRequest.MaxReplicas}; write counts separated by commas, e.g. --replicas 0,1,2.");
            }

            if (!seen.Add(count))
            {
                return string.Create(CultureInfo.InvariantCulture, $"{names.Of("replicas")} '{options.Replicas}' lists {count} twice; list each replica count once.");
            }
        }

        return null;
    }

    private string? Output(LoadSettings options)
    {
        if (string.IsNullOrWhiteSpace(options.Out))
        {
            return "--out is missing; name the folder for results.json, e.g. --out reports/load-1.";
        }

        var full = Path.GetFullPath(options.Out);
        return File.Exists(full) ? $"{names.Of("out")} {options.Out} is a file; give a folder, e.g. --out reports/load-1."
            : RunFolder.HoldsRun(full) && !options.Force ? $"{names.Of("out")} {options.Out} already holds a run (results.json); choose another folder, or add --force to replace it."
            : null;
    }

    private string NotADuration(string key, string text) =>
        $"{names.Of(key)}: '{text}' is not a duration; write a number with a unit, e.g. 250us, 100ms, 1.5s, 2m.";
}
