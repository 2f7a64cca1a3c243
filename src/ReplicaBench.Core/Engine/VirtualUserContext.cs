namespace ReplicaBench.Engine;

/// <summary>
/// What a virtual user is told when it is created: who it is, the run's clock, a seed for its own
/// random source, and the lookups that turn operation and node names into the ids its outcomes carry.
/// </summary>
public sealed class VirtualUserContext
{
    private readonly LoadScenario _scenario;

    internal VirtualUserContext(LoadScenario scenario, int index, TimeProvider timeProvider)
    {
        (_scenario, Index, TimeProvider) = (scenario, index, timeProvider);
    }

    /// <summary>0..N-1: this user's number (stable across runs with the same settings).</summary>
    public int Index { get; }

    public string ScenarioName => _scenario.Name;

    /// <summary>The run's clock; use it for any timing the operation does itself.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>
    /// A seed for this user's random source: different per user, identical across runs of the same
    /// scenario (unlike <see cref="HashCode"/>, which is randomised per process).
    /// </summary>
    public int Seed => StableSeed(_scenario.Name, Index) ^ Mix(_scenario.RandomSeed);

    /// <summary>The id of a declared operation; call once at creation, not per operation.</summary>
    public OperationId Operation(string name)
    {
        for (var i = 0; i < _scenario.Operations.Count; i++)
        {
            if (string.Equals(_scenario.Operations[i].Name, name, StringComparison.Ordinal))
            {
                return new OperationId(i);
            }
        }

        throw new ArgumentException(
            $"scenario '{_scenario.Name}' declares no operation '{name}'; it declares {string.Join(", ", _scenario.Operations.Select(o => o.Name))}.",
            nameof(name));
    }

    /// <summary>The id of a declared node; call once at creation, not per operation.</summary>
    public NodeId Node(string name)
    {
        for (var i = 0; i < _scenario.Nodes.Count; i++)
        {
            if (string.Equals(_scenario.Nodes[i].Name, name, StringComparison.Ordinal))
            {
                return new NodeId(i);
            }
        }

        throw new ArgumentException(
            $"scenario '{_scenario.Name}' declares no node '{name}'; it declares {string.Join(", ", _scenario.Nodes.Select(n => n.Name))}.",
            nameof(name));
    }

    /// <summary>A run seed spread over all bits (0 stays 0, so the default seeds are those of runs without one).</summary>
    private static int Mix(int seed) => unchecked((int)((uint)seed * 2654435761u));

    private static int StableSeed(string name, int index)
    {
        // FNV-1a over the name, then the index mixed in: cheap, stable, and spreads neighbours apart.
        var hash = 2166136261u;
        foreach (var c in name)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)((hash ^ (uint)index) * 2654435761u);
    }
}
