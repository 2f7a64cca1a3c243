using System.Globalization;

namespace ReplicaBench.Workload;

/// <summary>
/// Reads a custom mix written as <c>OPERATION=PERCENT</c> pairs, e.g. <c>point-read=90,update=10</c>:
/// the operation names results use (<c>point-read</c>, <c>range-read</c>, <c>insert</c>,
/// <c>update</c>, any case), whole percentages (an optional trailing <c>%</c> is allowed), operations
/// left out weigh 0, and the weights add up to exactly 100.
/// </summary>
/// <remarks>
/// Strict on purpose: a mix is the whole point of a run, so anything ambiguous — an operation given
/// twice, a fraction, a negative weight, weights that add up to 95 — is refused rather than fixed up,
/// with one <see cref="BadInputException"/> line that quotes the text and says how to write it.
/// Aliases such as <c>read</c>/<c>write</c> are refused too: each hides a choice (point or range?
/// insert or update?) that changes what replicas and staleness checks see.
/// </remarks>
public static class WorkloadMixParser
{
    /// <summary>An example the messages show, in the same spelling the results use.</summary>
    public const string Example = "point-read=90,update=10";

    /// <summary>
    /// Parses <paramref name="text"/> into a mix named <see cref="WorkloadMix.CustomName"/>.
    /// <paramref name="source"/> (e.g. <c>--mix</c>) starts every error message so the user knows
    /// which input to fix.
    /// </summary>
    public static WorkloadMix Parse(string? text, string source)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        var entries = (text ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (entries.Length == 0)
        {
            throw new BadInputException(
                $"{source} is empty; give percentages for the operations ({OperationList("and")}) that add up to 100, e.g. {source} {Example}.");
        }

        var weights = new int?[4];
        foreach (var entry in entries)
        {
            var (operation, weight) = ReadEntry(text!, entry, source);
            if (weights[(int)operation] is not null)
            {
                throw new BadInputException(
                    $"{source} '{text}' gives {operation.Name()} twice; give each operation once, e.g. {source} {Example}.");
            }

            weights[(int)operation] = weight;
        }

        var sum = weights.Sum(w => w ?? 0);
        if (sum != 100)
        {
            throw new BadInputException(string.Create(
                CultureInfo.InvariantCulture,
                $"{source} '{text}' adds up to {sum}, not 100; change the percentages so that they add up to 100 (operations left out count as 0), e.g. {source} {Example}."));
        }

        return WorkloadMix.Create(WorkloadMix.CustomName, weights[0] ?? 0, weights[1] ?? 0, weights[2] ?? 0, weights[3] ?? 0);
    }

    private static (WorkloadOperation Operation, int Weight) ReadEntry(string text, string entry, string source)
    {
        var pair = entry.Split('=', 2, StringSplitOptions.TrimEntries);
        if (pair.Length != 2 || pair[0].Length == 0)
        {
            throw new BadInputException(
                $"{source} '{text}': cannot read '{entry}'; write OPERATION=PERCENT pairs separated by commas, e.g. {source} {Example}.");
        }

        var operation = FindOperation(pair[0]) ?? throw new BadInputException(
            $"{source} '{text}': unknown operation '{pair[0]}'; use {OperationList("or")}, e.g. {source} {Example}.");
        var number = pair[1].EndsWith('%') ? pair[1][..^1].TrimEnd() : pair[1];
        if (!long.TryParse(number, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var weight))
        {
            throw new BadInputException(
                $"{source} '{text}': the weight of {operation.Name()} ('{pair[1]}') is not a whole number; give whole percentages from 0 to 100, e.g. {source} {Example}.");
        }

        if (weight is < 0 or > 100)
        {
            throw new BadInputException(string.Create(
                CultureInfo.InvariantCulture,
                $"{source} '{text}': the weight of {operation.Name()} is {weight}, {(weight < 0 ? "negative" : "over 100")}; give whole percentages from 0 to 100 that add up to 100, e.g. {source} {Example}."));
        }

        return (operation, (int)weight);
    }

    private static WorkloadOperation? FindOperation(string name)
    {
        foreach (var operation in Enum.GetValues<WorkloadOperation>())
        {
            if (string.Equals(operation.Name(), name, StringComparison.OrdinalIgnoreCase))
            {
                return operation;
            }
        }

        return null;
    }

    private static string OperationList(string conjunction)
    {
        var names = Enum.GetValues<WorkloadOperation>().Select(o => o.Name()).ToArray();
        return $"{string.Join(", ", names[..^1])} {conjunction} {names[^1]}";
    }
}
