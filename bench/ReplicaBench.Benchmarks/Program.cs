using BenchmarkDotNet.Running;
using ReplicaBench;
using ReplicaBench.Benchmarks;
using ReplicaBench.Benchmarks.Routing.Overhead;

// BenchmarkSwitcher + one shared config, plus the routing-overhead step (CPU per routed read, not a
// BenchmarkDotNet benchmark). Exit codes: 0 all measured, 1 a benchmark failed or none ran, 2 bad
// input (no topology and no PostgreSQL, a filter that matches nothing).
const string InlineCompletions = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";
try
{
    var arguments = BenchArguments.Parse(args, RunFolders.DefaultRunDirectory());
    var config = BenchConfig.Create(arguments.RunDirectory, arguments.Quick);
    var benchmarks = BenchmarkCatalog.Matching(arguments.Filters, config).Count;
    var overhead = RoutingOverheadSelection.IsSelected(arguments.Filters) && !arguments.BenchmarkDotNetArguments.Contains("--list");
    if (benchmarks == 0 && !overhead)
    {
        throw new BadInputException(
            $"no benchmark matches --filter {string.Join(' ', arguments.Filters)}; list them with --list flat.");
    }

    // The step measures the router as load runs use it, with socket continuations on the epoll
    // thread (the CLI's setting, read once when this process opens its first socket). It is unset
    // again before BenchmarkDotNet starts its processes, so they run as they always have.
    var setInline = overhead && Environment.GetEnvironmentVariable(InlineCompletions) is null;
    if (setInline)
    {
        Environment.SetEnvironmentVariable(InlineCompletions, "1");
    }

    await using var lease = await BenchTopologyHost.AcquireAsync(Console.Out, CancellationToken.None);
    if (overhead)
    {
        await RoutingOverheadStep.RunAsync(lease.Descriptor, arguments.RunDirectory, arguments.Quick, Console.Out, CancellationToken.None);
    }

    if (setInline)
    {
        Environment.SetEnvironmentVariable(InlineCompletions, null);
    }

    if (benchmarks == 0)
    {
        return 0;
    }

    var summaries = BenchmarkSwitcher.FromAssembly(typeof(BenchConfig).Assembly).Run(arguments.BenchmarkDotNetArguments, config).ToList();
    var (exitCode, message) = BenchVerdict.Judge(summaries);
    Console.WriteLine($"replicabench-bench: {message}; results in {Path.Combine(arguments.RunDirectory, BenchConfig.MicroFolder, "results")}");
    return exitCode;
}
catch (BadInputException ex)
{
    Console.Error.WriteLine($"replicabench-bench: {ex.Message}");
    return 2;
}
