using System.Collections.Concurrent;

namespace ReplicaBench.Engine.Recording;

/// <summary>
/// Turns error-kind labels into small integers shared by all virtual users of a run, so that a
/// failure is counted in an array. Lookups of known kinds are lock-free and allocation-free; a new
/// kind takes a lock once. The last slot collects every kind beyond the capacity as <c>other</c>.
/// </summary>
internal sealed class ErrorKindCatalog
{
    public const int Capacity = 64;
    public const string OverflowName = "other";

    private readonly ConcurrentDictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly string[] _names = new string[Capacity];
    private readonly Lock _gate = new();
    private int _count;

    public ErrorKindCatalog()
    {
        _names[Capacity - 1] = OverflowName;
    }

    /// <summary>Number of distinct kinds seen so far (excluding the overflow slot).</summary>
    public int Count => Volatile.Read(ref _count);

    public int Intern(string kind)
    {
        if (_ids.TryGetValue(kind, out var id))
        {
            return id;
        }

        lock (_gate)
        {
            if (_ids.TryGetValue(kind, out id))
            {
                return id;
            }

            if (_count == Capacity - 1)
            {
                return Capacity - 1;
            }

            id = _count;
            _names[id] = kind;
            Volatile.Write(ref _count, id + 1);
            _ids[kind] = id;
            return id;
        }
    }

    public string Name(int id) => _names[id];
}
