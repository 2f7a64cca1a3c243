using System.Globalization;

namespace ReplicaBench.Reporting.Compare;

/// <summary>
/// Which cell a cell id repeats: <c>load --repeat N</c> measures each cell N times and names the
/// k-th measurement <c>&lt;id&gt;#k</c> (the first keeps the plain id, as in runs without repeats).
/// </summary>
internal static class CellRepeat
{
    /// <summary>The id shared by every repeat, and this one's index (1 for the plain id).</summary>
    public static (string BaseId, int Repeat) Parse(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        var hash = id.LastIndexOf('#');
        if (hash > 0 && int.TryParse(id.AsSpan(hash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var repeat) && repeat >= 2)
        {
            return (id[..hash], repeat);
        }

        return (id, 1);
    }
}
