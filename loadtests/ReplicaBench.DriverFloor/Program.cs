using System.Diagnostics;
using System.Globalization;
using Npgsql;
using ReplicaBench;
using ReplicaBench.Topology;
using ReplicaBench.Workload;

// What the engine's point read costs with nothing of the engine around it: N connections to the
// primary of the topology in STATE_DIR, each running WorkloadCommands.PointReadAsync (the engine's
// own prepared statement) in a bare closed loop; no routing, no recording, no planning. Its CPU per
// operation is the floor any engine on Npgsql starts from: compare-pgbench.sh prints it between the
// engine's and pgbench's, so a gap can be put where it is (the engine's own work, or the driver's).
//
//   driver-floor STATE_DIR VUS WARMUP_SECONDS SECONDS   ->   "<ops/s> <cpu µs/op> <user µs/op>"
//
// Socket continuations run inline, as the CLI sets them (before the first socket).
if (Environment.GetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS") is null)
{
    Environment.SetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS", "1");
}

if (args.Length != 4
    || !int.TryParse(args[1], CultureInfo.InvariantCulture, out var users) || users < 1
    || !int.TryParse(args[2], CultureInfo.InvariantCulture, out var warmUp) || warmUp < 0
    || !int.TryParse(args[3], CultureInfo.InvariantCulture, out var seconds) || seconds < 1)
{
    Console.Error.WriteLine("driver-floor: usage 'driver-floor STATE_DIR VUS WARMUP_SECONDS SECONDS' (a state dir with a topology up and seeded, e.g. by 'replicabench load').");
    return 2;
}

TopologyDescriptor topology;
try
{
    topology = new TopologyStateDirectory(args[0]).Read();
}
catch (BadInputException ex)
{
    Console.Error.WriteLine($"driver-floor: {ex.Message}");
    return 2;
}

await using var dataSource = NodeConnections.CreateDataSource(topology.Primary);
long keys;
await using (var probe = await dataSource.OpenConnectionAsync())
await using (var count = new NpgsqlCommand($"SELECT count(*) FROM {WorkloadSchema.ItemsTable}", probe))
{
    keys = Convert.ToInt64(await count.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
}

if (keys == 0)
{
    Console.Error.WriteLine($"driver-floor: {WorkloadSchema.ItemsTable} is empty; seed it first with 'replicabench load --seed-rows N --state-dir {args[0]}'.");
    return 2;
}

// One counter per loop, a cache line apart, so counting is not a shared write the engine does not make.
const int Stride = 16;
var completed = new long[users * Stride];
var stop = false;
var loops = new Task[users];
for (var user = 0; user < users; user++)
{
    loops[user] = ReadLoopAsync(user);
}

await Task.Delay(TimeSpan.FromSeconds(warmUp));
var process = Process.GetCurrentProcess();
process.Refresh();
var (cpu0, user0, ops0) = (process.TotalProcessorTime, process.UserProcessorTime, Completed());
await Task.Delay(TimeSpan.FromSeconds(seconds));
process.Refresh();
var (cpu1, user1, ops1) = (process.TotalProcessorTime, process.UserProcessorTime, Completed());
Volatile.Write(ref stop, true);
await Task.WhenAll(loops);

var operations = ops1 - ops0;
Console.WriteLine(string.Create(
    CultureInfo.InvariantCulture,
    $"{operations / (double)seconds:0} {(cpu1 - cpu0).TotalMicroseconds / operations:0.00} {(user1 - user0).TotalMicroseconds / operations:0.00}"));
return 0;

long Completed()
{
    long sum = 0;
    for (var user = 0; user < users; user++)
    {
        sum += Volatile.Read(ref completed[user * Stride]);
    }

    return sum;
}

async Task ReadLoopAsync(int user)
{
    await using var connection = await dataSource.OpenConnectionAsync();
    await using var commands = new WorkloadCommands(connection);

    // Keys spread over the table by a large prime stride, as the routing-overhead step reads them.
    var key = user * 7919L;
    while (!Volatile.Read(ref stop))
    {
        key = (key + 104_729) % keys;
        await commands.PointReadAsync(key + 1, CancellationToken.None);
        Volatile.Write(ref completed[user * Stride], completed[user * Stride] + 1);
    }
}
