namespace ReplicaBench.Benchmarks;

/// <summary>
/// The benchmark program's own options, taken off the command line before the rest goes to
/// BenchmarkDotNet: <c>--quick</c> (short job), <c>--out RUN_DIR</c> (artifacts go to
/// <c>RUN_DIR/micro</c>; default <c>reports/&lt;run-id&gt;</c>). Filters are read, not removed, so the
/// program can refuse a filter that matches nothing before anything starts.
/// </summary>
public sealed record BenchArguments(bool Quick, string RunDirectory, IReadOnlyList<string> Filters, string[] BenchmarkDotNetArguments)
{
    public static BenchArguments Parse(string[] args, string defaultRunDirectory)
    {
        var quick = false;
        string? runDirectory = null;
        var rest = new List<string>();
        var filters = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    quick = true;
                    break;
                case "--out":
                    if (i + 1 >= args.Length || args[i + 1].StartsWith('-'))
                    {
                        throw new BadInputException("--out needs a folder, e.g. --out reports/my-run.");
                    }

                    runDirectory = args[++i];
                    break;
                case "--filter" or "-f":
                    rest.Add(args[i]);
                    while (i + 1 < args.Length && !args[i + 1].StartsWith('-'))
                    {
                        filters.Add(args[++i]);
                        rest.Add(args[i]);
                    }

                    if (filters.Count == 0)
                    {
                        throw new BadInputException("--filter needs a pattern, e.g. --filter '*Connection*'.");
                    }

                    break;
                default:
                    rest.Add(args[i]);
                    break;
            }
        }

        // Without a filter BenchmarkDotNet asks which benchmark to run on the console: in CI that
        // would wait forever. No filter means all of them.
        if (filters.Count == 0 && !rest.Contains("--list"))
        {
            filters.Add("*");
            rest.AddRange(["--filter", "*"]);
        }

        return new BenchArguments(quick, Path.GetFullPath(runDirectory ?? defaultRunDirectory), filters, [.. rest]);
    }
}
