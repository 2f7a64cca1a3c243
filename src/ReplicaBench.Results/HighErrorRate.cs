using System.ComponentModel;
using System.Globalization;

namespace ReplicaBench.Results;

/// <summary>
/// The flag on a cell whose operations failed too often for its figures to describe the system:
/// latency and throughput count successes only, so a cell that lost many operations looks better
/// than it was. Set when errors / (successes + errors) is above <see cref="Threshold"/>.
/// </summary>
[Description("Present only when errors / (operations + errors) exceeds the threshold (5%): the cell's latency and throughput, which count successes only, flatter it.")]
public sealed record HighErrorRate
{
    /// <summary>5%: above it a cell is flagged in the CLI's summary, the report and results.json.</summary>
    public const double DefaultThreshold = 0.05;

    [Description("errors / (operations + errors) in the measured window, a fraction (0.051 = 5.1%).")]
    public double Rate { get; init; }

    [Description("The rate above which a cell is flagged, a fraction (0.05 = 5%).")]
    public double Threshold { get; init; } = DefaultThreshold;

    /// <summary>The flag for a cell with <paramref name="operations"/> successes and <paramref name="errors"/> failures, or null when the rate is at or under the threshold.</summary>
    public static HighErrorRate? For(long operations, long errors, double threshold = DefaultThreshold)
    {
        var attempted = operations + errors;
        if (attempted <= 0)
        {
            return null;
        }

        var rate = (double)errors / attempted;
        return rate > threshold ? new HighErrorRate { Rate = Math.Round(rate, 6), Threshold = threshold } : null;
    }

    /// <summary>The cell's flag: as recorded, or worked out from its counts (results.json files from before the flag existed).</summary>
    public static HighErrorRate? Of(CellResults cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        return cell.HighErrorRate ?? For(cell.Operations, cell.Errors);
    }

    /// <summary>E.g. <c>error rate 5.1% (over 5%)</c>.</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture, $"error rate {Rate * 100:0.#}% (over {Threshold * 100:0.#}%)");
}
