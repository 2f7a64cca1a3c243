using System.Globalization;
using ReplicaBench.Configuration;
using ReplicaBench.Engine;

namespace ReplicaBench.Runs.Settings;

/// <summary>
/// The load-shape settings that are text on the command line: k6-style <c>--stages</c> for the open
/// model's arrival rate, and <c>--think</c>. Each mistake is one <see cref="BadInputException"/> line.
/// </summary>
public static class LoadShapeSettings
{
    /// <summary>The default measured duration per cell when neither --duration nor --stages gives one.</summary>
    public const string DefaultDuration = "30s";

    /// <summary><c>30s:100,1m:100,30s:0</c>: each stage moves the arrival rate linearly to its target over its duration.</summary>
    public static RateStage[] Stages(IReadOnlyList<string> stages)
    {
        var parsed = new RateStage[stages.Count];
        for (var i = 0; i < stages.Count; i++)
        {
            var text = stages[i].Trim();
            var colon = text.LastIndexOf(':');
            if (colon <= 0
                || !DurationParser.TryParse(text[..colon], out var duration)
                || !double.TryParse(text[(colon + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var target))
            {
                throw new BadInputException(
                    $"--stages: '{stages[i]}' is not DURATION:RATE; give stages such as 30s:100,1m:100,30s:0 (each: how long, then the arrivals per second it ramps to).");
            }

            parsed[i] = new RateStage(duration, target);
        }

        return parsed;
    }

    /// <summary>The stages as run.settings records them (parsed back by <see cref="Stages"/>).</summary>
    public static string[] Format(IEnumerable<RateStage> stages) =>
        [.. stages.Select(s => string.Create(CultureInfo.InvariantCulture, $"{DurationParser.Format(s.Duration)}:{s.TargetRate}"))];

    /// <summary><c>5ms</c> for a fixed pause, <c>5ms..20ms</c> for one drawn uniformly between the two.</summary>
    public static ThinkTime Think(string? text)
    {
        if (text is null || string.Equals(text.Trim(), "none", StringComparison.OrdinalIgnoreCase))
        {
            return ThinkTime.None;
        }

        var parts = text.Split("..", StringSplitOptions.TrimEntries);
        if (parts.Length is < 1 or > 2 || !DurationParser.TryParse(parts[0], out var min) || !DurationParser.TryParse(parts[^1], out var max))
        {
            throw new BadInputException($"--think '{text}' is not a pause; give a duration such as 5ms, or a range such as 5ms..20ms.");
        }

        return parts.Length == 1 ? ThinkTime.Fixed(min) : ThinkTime.Uniform(min, max);
    }
}
