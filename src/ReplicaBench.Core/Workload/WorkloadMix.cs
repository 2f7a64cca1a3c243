using System.Globalization;

namespace ReplicaBench.Workload;

/// <summary>
/// How often each operation runs, as whole-number percentages that add up to 100. Picking the next
/// operation is one array lookup by a random roll in 0..99: no allocation, no branching on weights.
/// </summary>
/// <remarks>
/// The four named mixes are the load scenarios. Within the reads, range reads are a fixed 10% of
/// all operations wherever there are writes (the "list page" beside the "detail page"); within the
/// writes, updates outnumber inserts about 3:1, because updates create the newer versions that a
/// stale replica read can miss, while inserts mostly grow the table.
/// <list type="table">
/// <item><term>point-read</term><description>100 point reads — the <c>pgbench -S</c> equivalent.</description></item>
/// <item><term>read-heavy</term><description>95 reads (85 point, 10 range) / 5 writes (4 update, 1 insert).</description></item>
/// <item><term>balanced</term><description>80 reads (70 point, 10 range) / 20 writes (15 update, 5 insert).</description></item>
/// <item><term>write-heavy</term><description>50 reads (40 point, 10 range) / 50 writes (35 update, 15 insert).</description></item>
/// </list>
/// </remarks>
public sealed class WorkloadMix
{
    private readonly WorkloadOperation[] _byRoll = new WorkloadOperation[100];

    private WorkloadMix(string name, int pointRead, int rangeRead, int insert, int update)
    {
        Name = name;
        PointReadPercent = pointRead;
        RangeReadPercent = rangeRead;
        InsertPercent = insert;
        UpdatePercent = update;
        var next = 0;
        Fill(WorkloadOperation.PointRead, pointRead, ref next);
        Fill(WorkloadOperation.RangeRead, rangeRead, ref next);
        Fill(WorkloadOperation.Insert, insert, ref next);
        Fill(WorkloadOperation.Update, update, ref next);
    }

    /// <summary>100% point reads by key: the <c>pgbench -S</c> (select-only) equivalent.</summary>
    public static WorkloadMix PointRead { get; } = new("point-read", 100, 0, 0, 0);

    /// <summary>95% reads / 5% writes: a catalogue or content site.</summary>
    public static WorkloadMix ReadHeavy { get; } = new("read-heavy", 85, 10, 1, 4);

    /// <summary>80% reads / 20% writes: a typical OLTP application.</summary>
    public static WorkloadMix Balanced { get; } = new("balanced", 70, 10, 5, 15);

    /// <summary>50% reads / 50% writes: where replicas help least and lag grows most.</summary>
    public static WorkloadMix WriteHeavy { get; } = new("write-heavy", 40, 10, 15, 35);

    /// <summary>The name of a mix given as weights (<c>--mix</c>); it is also the scenario name such runs record.</summary>
    public const string CustomName = "custom";

    /// <summary>The named mixes, in the order scenarios list them.</summary>
    public static IReadOnlyList<WorkloadMix> Named { get; } = [PointRead, ReadHeavy, Balanced, WriteHeavy];

    public string Name { get; }

    public int PointReadPercent { get; }

    public int RangeReadPercent { get; }

    public int InsertPercent { get; }

    public int UpdatePercent { get; }

    public int ReadPercent => PointReadPercent + RangeReadPercent;

    public int WritePercent => InsertPercent + UpdatePercent;

    /// <summary>
    /// A custom mix. Weights are whole-number percentages from 0 to 100 that add up to 100; anything
    /// else is a <see cref="BadInputException"/> that names the weights and their sum.
    /// </summary>
    public static WorkloadMix Create(string name, int pointRead, int rangeRead, int insert, int update)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var weights = Describe(pointRead, rangeRead, insert, update);
        var sum = (long)pointRead + rangeRead + insert + update;
        foreach (var (operation, weight) in new[]
                 {
                     (WorkloadOperation.PointRead, pointRead), (WorkloadOperation.RangeRead, rangeRead),
                     (WorkloadOperation.Insert, insert), (WorkloadOperation.Update, update),
                 })
        {
            if (weight is < 0 or > 100)
            {
                throw new BadInputException(
                    $"mix '{name}': weight {operation.Name()}={weight} is out of range (weights {weights}, sum {sum}); give whole-number percentages from 0 to 100 that add up to 100.");
            }
        }

        if (sum != 100)
        {
            throw new BadInputException(
                $"mix '{name}': weights {weights} add up to {sum}, not 100; change them so that they add up to 100.");
        }

        return new WorkloadMix(name, pointRead, rangeRead, insert, update);
    }

    /// <summary>Finds a named mix (<c>point-read</c>, <c>read-heavy</c>, <c>balanced</c>, <c>write-heavy</c>).</summary>
    public static WorkloadMix FromName(string name)
    {
        foreach (var mix in Named)
        {
            if (string.Equals(mix.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return mix;
            }
        }

        throw new BadInputException(
            $"unknown workload mix '{name}'; choose one of {string.Join(", ", Named.Select(m => m.Name))}, or give weights like point-read=90,update=10.");
    }

    /// <summary>
    /// Reads a named mix or weights written as <c>point-read=85,range-read=10,insert=1,update=4</c>
    /// (operations left out weigh 0; the rules are <see cref="WorkloadMixParser"/>'s).
    /// </summary>
    public static WorkloadMix Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Contains('=', StringComparison.Ordinal) ? WorkloadMixParser.Parse(text, "mix") : FromName(text);
    }

    /// <summary>Each operation's percentage, in the order of <see cref="WorkloadOperation"/> (the spelling results use).</summary>
    public IReadOnlyList<(WorkloadOperation Operation, int Percent)> Weights =>
    [
        (WorkloadOperation.PointRead, PointReadPercent), (WorkloadOperation.RangeRead, RangeReadPercent),
        (WorkloadOperation.Insert, InsertPercent), (WorkloadOperation.Update, UpdatePercent),
    ];

    /// <summary>The operation for a roll in 0..99 (e.g. <c>random.Next(100)</c>); rolls are spread by the weights.</summary>
    public WorkloadOperation Pick(int roll) => _byRoll[roll];

    /// <summary>The next operation for a session's own random source.</summary>
    public WorkloadOperation Pick(Random random) => _byRoll[random.Next(100)];

    public override string ToString() =>
        $"{Name} ({Describe(PointReadPercent, RangeReadPercent, InsertPercent, UpdatePercent)})";

    private static string Describe(int pointRead, int rangeRead, int insert, int update) =>
        string.Create(CultureInfo.InvariantCulture, $"point-read={pointRead}, range-read={rangeRead}, insert={insert}, update={update}");

    private void Fill(WorkloadOperation operation, int weight, ref int next)
    {
        for (var i = 0; i < weight; i++)
        {
            _byRoll[next++] = operation;
        }
    }
}
