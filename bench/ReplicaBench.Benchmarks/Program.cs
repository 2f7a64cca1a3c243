using BenchmarkDotNet.Running;
using ReplicaBench;
using ReplicaBench.Benchmarks;

// BenchmarkSwitcher + one shared config. Exit codes: 0 all measured, 1 a benchmark failed or none
// ran, 2 bad input (no topology and no PostgreSQL, a filter that matches nothing).
try
{
    var arguments = BenchArguments.Parse(args, RunFolders.DefaultRunDirectory());
    var config = BenchConfig.Create(arguments.RunDirectory, arguments.Quick);
    if (BenchmarkCatalog.Matching(arguments.Filters, config).Count == 0)
    {
        throw new BadInputException(
            $"no benchmark matches --filter {string.Join(' ', arguments.Filters)}; list them with --list flat.");
    }

    await using var lease = await BenchTopologyHost.AcquireAsync(Console.Out, CancellationToken.None);
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
