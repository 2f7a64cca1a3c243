using System.Globalization;

namespace ReplicaBench.Engine.RunResults;

/// <summary>
/// Open model: the run dropped arrivals and no <c>dropped</c> threshold judged them. A run that
/// could not start its schedule measured a lighter load than was asked for, so it fails unless the
/// user said how many drops are acceptable (e.g. <c>--threshold 'dropped&lt;1%'</c>).
/// </summary>
public sealed record DroppedArrivalsBreach(long Dropped, long Scheduled, int MaxVirtualUsers)
{
    /// <summary>One line for the user, naming where (e.g. a matrix cell), how many, the cause and the fix.</summary>
    public string Describe(string where)
    {
        var share = Scheduled == 0 ? 0 : Dropped * 100.0 / Scheduled;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"dropped arrivals in {where}: {Dropped} of {Scheduled} scheduled ({share:0.###}%) could not start: --max-vus {MaxVirtualUsers} reached; raise --max-vus or lower --rate (or allow drops with --threshold 'dropped<1%').");
    }
}
