namespace ReplicaBench.Engine;

/// <summary>
/// The names of the two files a run streams into its output directory: the interval log and the
/// JSON-lines series. The files carry these names from their first line on, so whatever tails a
/// run in progress (a dashboard, <c>tail -f</c>) finds them where they will stay.
/// </summary>
/// <param name="IntervalLog">The HdrHistogram interval log, e.g. <c>latency.hlog</c>.</param>
/// <param name="Series">The time series, e.g. <c>series.jsonl</c>.</param>
public sealed record RunFileNames(string IntervalLog, string Series)
{
    /// <summary><c>&lt;stem&gt;.hlog</c> and <c>&lt;stem&gt;.series.jsonl</c>: what a run writes without names of its own.</summary>
    public static RunFileNames ForStem(string stem) => new(stem + ".hlog", stem + ".series.jsonl");

    internal void Validate()
    {
        foreach (var name in (string[])[IntervalLog, Series])
        {
            if (string.IsNullOrWhiteSpace(name) || !string.Equals(Path.GetFileName(name), name, StringComparison.Ordinal)
                || name is "." or ".." || name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
            {
                throw new BadInputException($"run file name '{name}' is not a plain file name; name a file inside the output directory, e.g. series.jsonl.");
            }
        }

        if (string.Equals(IntervalLog, Series, StringComparison.Ordinal))
        {
            throw new BadInputException($"the interval log and the series are both named '{Series}'; give them different names, e.g. latency.hlog and series.jsonl.");
        }
    }
}
