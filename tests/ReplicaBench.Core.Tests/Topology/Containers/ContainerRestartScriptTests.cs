using System.Diagnostics;
using ReplicaBench.Topology.Containers;

namespace ReplicaBench.Tests.Topology.Containers;

/// <summary>
/// A container started again after a fault (docker kill/stop, then docker start) runs its entry
/// script anew: it must start the server on the data it kept, never initdb or clone over it. The
/// scripts run here for real, with stub server tools on PATH that record how they were called.
/// </summary>
public sealed class ContainerRestartScriptTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    public static TheoryData<string> Scripts => new()
    {
        ContainerEntryScript.ForPrimary("replicabench", openToNetwork: true),
        ContainerEntryScript.ForReplica("replicabench", "replica2", "primary", 5432),
    };

    [Theory]
    [MemberData(nameof(Scripts))]
    public async Task A_restarted_container_starts_the_server_on_its_data_without_initdb_or_a_base_backup(string script)
    {
        var data = Directory.CreateDirectory(_temp.Combine("data")).FullName;
        await File.WriteAllTextAsync(Path.Combine(data, "PG_VERSION"), "15\n", TestContext.Current.CancellationToken);
        var bin = Directory.CreateDirectory(_temp.Combine("bin")).FullName;
        var calls = _temp.Combine("calls.log");
        foreach (var tool in new[] { "initdb", "pg_basebackup", "postgres" })
        {
            var stub = Path.Combine(bin, tool);
            await File.WriteAllTextAsync(stub, $"#!/bin/sh\necho \"{tool} $*\" >> '{calls}'\n", TestContext.Current.CancellationToken);
            File.SetUnixFileMode(stub, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var start = new ProcessStartInfo("sh", ["-c", script]) { RedirectStandardError = true };
        start.Environment["PATH"] = bin + ":" + Environment.GetEnvironmentVariable("PATH");
        start.Environment["PGDATA"] = data;
        using var sh = Process.Start(start)!;
        var errors = await sh.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await sh.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.True(sh.ExitCode == 0, errors);
        Assert.Equal([$"postgres -D {data}"], await File.ReadAllLinesAsync(calls, TestContext.Current.CancellationToken));
    }
}
