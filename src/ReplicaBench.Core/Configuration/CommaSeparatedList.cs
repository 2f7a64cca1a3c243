using System.ComponentModel;

namespace ReplicaBench.Configuration;

/// <summary>
/// A list setting that a file gives as an array and a flag or an environment variable gives as one
/// comma-separated string (<c>--replicas 0,2</c>, <c>REPLICABENCH_REPLICAS=r1,west=r2:6432</c>).
/// </summary>
/// <remarks>
/// The string form is what makes a higher layer replace a lower layer's list. Configuration merges
/// arrays element by element (a flag's <c>replicas:0</c> over a file's three elements would leave the
/// file's second and third), but a value at the list's own key is converted by
/// <see cref="CommaSeparatedListConverter"/> and wins over any elements below it.
/// </remarks>
/// <typeparam name="T">The item type: <c>string</c>, a number, or a type with its own string converter.</typeparam>
[TypeConverter(typeof(CommaSeparatedListConverter))]
public sealed class CommaSeparatedList<T> : List<T>
{
    public CommaSeparatedList()
    {
    }

    public CommaSeparatedList(IEnumerable<T> items)
        : base(items)
    {
    }

    /// <summary>The comma-separated form, as a flag would give it.</summary>
    public override string ToString() => string.Join(',', this);
}
