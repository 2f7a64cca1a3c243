using System.Globalization;

namespace ReplicaBench.Workload;

/// <summary>
/// Chooses which seeded row (keys 1..<see cref="Rows"/>) an operation touches. Uniform by default;
/// a hot set sends a share of the operations to the first few keys, like the popular items of a
/// real application (and makes a read more likely to meet a row that was just updated).
/// Stateless apart from its settings: each session passes its own <see cref="Random"/>.
/// </summary>
public sealed class KeyChooser
{
    private readonly long _hotKeys;
    private readonly int _hotPercent;

    private KeyChooser(long rows, long hotKeys, int hotPercent)
    {
        (Rows, _hotKeys, _hotPercent) = (rows, hotKeys, hotPercent);
    }

    /// <summary>How many seeded keys there are to choose from (keys 1..Rows).</summary>
    public long Rows { get; }

    /// <summary>Keys in the hot set (the first keys), 0 for a uniform chooser.</summary>
    public long HotKeys => _hotKeys;

    /// <summary>Percentage of choices that fall in the hot set, 0 for a uniform chooser.</summary>
    public int HotPercent => _hotPercent;

    /// <summary>Every seeded key equally likely.</summary>
    public static KeyChooser Uniform(long rows)
    {
        WorkloadSeeder.ValidateRowCount(rows);
        return new KeyChooser(rows, 0, 0);
    }

    /// <summary>
    /// <paramref name="hotPercent"/>% of choices go uniformly to the first <paramref name="hotKeyFraction"/>
    /// of the keys, the rest uniformly to all keys. Example: <c>HotSet(1_000_000, 0.01, 80)</c>.
    /// </summary>
    public static KeyChooser HotSet(long rows, double hotKeyFraction, int hotPercent)
    {
        WorkloadSeeder.ValidateRowCount(rows);
        if (!(hotKeyFraction > 0 && hotKeyFraction < 1))
        {
            throw new BadInputException(string.Create(
                CultureInfo.InvariantCulture,
                $"hot-set key fraction {hotKeyFraction} is not between 0 and 1; give e.g. 0.01 for the hottest 1% of keys."));
        }

        if (hotPercent is < 0 or > 100)
        {
            throw new BadInputException(
                $"hot-set share {hotPercent}% is not a percentage; give a whole number from 0 to 100, e.g. 80.");
        }

        var hotKeys = Math.Max(1, (long)(rows * hotKeyFraction));
        return new KeyChooser(rows, hotKeys, hotPercent);
    }

    /// <summary>A key for a point read or an update.</summary>
    public long NextKey(Random random)
    {
        if (_hotPercent > 0 && random.Next(100) < _hotPercent)
        {
            return random.NextInt64(1, _hotKeys + 1);
        }

        return random.NextInt64(1, Rows + 1);
    }

    /// <summary>
    /// The first key of a range read of <paramref name="length"/> rows, chosen so that the whole range
    /// lies inside the seeded keys (a range read always returns <paramref name="length"/> seeded rows).
    /// </summary>
    public long NextRangeStart(Random random, int length)
    {
        var lastStart = Math.Max(1, Rows - length + 1);
        var key = NextKey(random);
        return Math.Min(key, lastStart);
    }

    public override string ToString() => _hotPercent == 0
        ? string.Create(CultureInfo.InvariantCulture, $"uniform over {Rows} keys")
        : string.Create(CultureInfo.InvariantCulture, $"{_hotPercent}% to the first {_hotKeys} of {Rows} keys");
}
