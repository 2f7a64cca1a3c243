using System.Diagnostics;
using ReplicaBench.Topology.Containers;

namespace ReplicaBench.Tests.Topology.Containers;

public sealed class ContainerEntryScriptTests
{
    public static TheoryData<string> Scripts => new()
    {
        ContainerEntryScript.ForPrimary("replicabench", openToNetwork: false),
        ContainerEntryScript.ForPrimary("replicabench", openToNetwork: true),
        ContainerEntryScript.ForReplica("replicabench", "replica2", "127.0.0.1", 40123),
        ContainerEntryScript.ForPrimary("replicabench", openToNetwork: false, tls: true),
        ContainerEntryScript.ForReplica("replicabench", "replica2", "127.0.0.1", 40123, tls: true),
    };

    [Theory]
    [MemberData(nameof(Scripts))]
    public async Task Every_script_is_valid_posix_shell(string script)
    {
        // sh -n parses without running: a quoting slip in the generator fails here, not in a container.
        using var sh = Process.Start(new ProcessStartInfo("sh", ["-n"]) { RedirectStandardInput = true, RedirectStandardError = true })!;
        await sh.StandardInput.WriteAsync(script);
        sh.StandardInput.Close();
        var errors = await sh.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await sh.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.True(sh.ExitCode == 0, errors);
        Assert.StartsWith("#!/bin/sh\n", script, StringComparison.Ordinal);
    }

    [Fact]
    public void The_primary_takes_its_password_from_the_copied_file_and_runs_the_server_in_the_foreground()
    {
        var script = ContainerEntryScript.ForPrimary("replicabench", openToNetwork: false);

        Assert.Contains($"--pwfile={ContainerEntryScript.PasswordPath}", script, StringComparison.Ordinal);
        Assert.Contains("--auth=scram-sha-256", script, StringComparison.Ordinal);
        Assert.Contains("-U replicabench", script, StringComparison.Ordinal);
        Assert.Contains("exec postgres -D \"$data\"", script, StringComparison.Ordinal);
        Assert.DoesNotContain("pg_hba.conf", script, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_a_primary_on_a_docker_network_accepts_connections_from_other_addresses()
    {
        var script = ContainerEntryScript.ForPrimary("replicabench", openToNetwork: true);

        Assert.Contains("host replication all all scram-sha-256", script, StringComparison.Ordinal);
        Assert.Contains("host all all all scram-sha-256", script, StringComparison.Ordinal);
    }

    [Fact]
    public void A_replica_is_cloned_with_its_own_slot_and_application_name_before_its_server_starts()
    {
        var script = ContainerEntryScript.ForReplica("replicabench", "replica2", "127.0.0.1", 40123);

        Assert.Contains("host=127.0.0.1 port=40123 user=replicabench application_name=replica2", script, StringComparison.Ordinal);
        Assert.Contains("--create-slot --slot=replica2", script, StringComparison.Ordinal);
        Assert.Contains("--write-recovery-conf", script, StringComparison.Ordinal);
        Assert.True(
            script.IndexOf("pg_basebackup", StringComparison.Ordinal) < script.IndexOf("exec postgres", StringComparison.Ordinal),
            "the base backup must come before the server");
        Assert.Contains($"read -r PGPASSWORD < {ContainerEntryScript.PasswordPath}", script, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_image_without_server_binaries_ends_the_script_with_the_marker_the_provider_recognises()
    {
        // The preamble alone, run here with a PATH that has no PostgreSQL: what such an image does.
        var script = ContainerEntryScript.ForPrimary("replicabench", openToNetwork: false);
        var start = new ProcessStartInfo("sh", ["-c", script.Replace("/usr/lib/postgresql/*/bin", "/nonexistent/*/bin", StringComparison.Ordinal)])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        start.Environment["PATH"] = "/usr/bin:/bin";
        using var sh = Process.Start(start)!;
        var errors = await sh.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await sh.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.Equal(ContainerEntryScript.NoServerBinariesExitCode, sh.ExitCode);
        Assert.Contains(ContainerEntryScript.NoServerBinariesMarker, errors, StringComparison.Ordinal);
    }
}
