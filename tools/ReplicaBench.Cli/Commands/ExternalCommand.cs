using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using ReplicaBench.Runs;
using ReplicaBench.Topology;
using ReplicaBench.Topology.External;
using ReplicaBench.Workload;

namespace ReplicaBench.Cli.Commands;

/// <summary>
/// <c>replicabench external prepare</c>: create and seed the suite's table on existing endpoints once,
/// so that nightly runs with a read-only role find it there (docs/external.md, "Read-only runs").
/// </summary>
internal static class ExternalCommand
{
    public static Command Create()
    {
        var command = new Command("external", "Work on existing endpoints (AWS RDS or any PostgreSQL) outside a run.");
        command.Subcommands.Add(Prepare());
        return command;
    }

    private static Command Prepare()
    {
        var options = new ExternalUpOptions();
        var seedRows = new Option<long>("--seed-rows")
        {
            Description = "Rows to seed (keys 1..N); read-only runs must then use the same --seed-rows. Default 100000, as load's.",
            DefaultValueFactory = _ => 100_000,
            HelpName = "N",
        };
        var command = new Command(
            "prepare",
            $"Create schema {SuiteSchema.Name} and seed its table on the primary (needs --allow-writes), then wait for the replicas to replay it. Same endpoints, variables and --config as 'topology up --provider external'. Run once; later runs without --allow-writes read it.")
        {
            options.Config, options.AllowWrites, seedRows,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var stopwatch = Stopwatch.StartNew();
            var output = parse.InvocationConfiguration.Output;
            var provider = new ExternalTopologyProvider(
                new ExternalProviderOptions { ConfigFile = parse.GetValue(options.Config), AllowWrites = parse.GetValue(options.AllowWrites) },
                TimeProvider.System);
            var (topology, seed) = await ExternalPreparation.PrepareAsync(provider, parse.GetValue(seedRows), output.WriteLine, cancellationToken);
            await output.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"Prepared in {stopwatch.Elapsed.TotalSeconds:0.0}s: {WorkloadSchema.ItemsTable} on {topology.Primary.Host}:{topology.Primary.Port} holds keys 1..{seed.Rows} ({(seed.Copied ? $"seeded in {seed.Elapsed.TotalSeconds:0.0}s" : "already there, left as it was")}); {topology.Replicas.Count} replica(s) replayed it."));
            await output.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"Read-only runs can use it now: 'topology up --provider external' without --allow-writes, then 'load --state-dir DIR --scenario point-read --seed-rows {seed.Rows}'."));
            return ExitCodes.Success;
        });
        return command;
    }
}
