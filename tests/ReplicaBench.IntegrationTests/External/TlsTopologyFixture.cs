using System.Diagnostics;
using Npgsql;
using ReplicaBench.IntegrationTests.Infrastructure;
using ReplicaBench.Topology;
using ReplicaBench.Topology.Local;

namespace ReplicaBench.IntegrationTests.External;

/// <summary>
/// A local primary of its own with TLS switched on: a throwaway CA and a server certificate for
/// 127.0.0.1 made with openssl, copied into the data directory (key mode 0600, owned by the server's
/// OS user), then <c>ALTER SYSTEM SET ssl = on</c> and a reload. Also a second, unrelated CA, to show
/// that verify-full refuses a server its bundle does not vouch for.
/// </summary>
public sealed class TlsTopologyFixture : IAsyncLifetime
{
    private static readonly TimeSpan SslOnTimeout = TimeSpan.FromSeconds(15);

    private readonly string _work = Directory.CreateTempSubdirectory("rb-it-tls-").FullName;
    private TopologyStateDirectory? _state;
    private string? _unavailable;
    private TopologyDescriptor? _topology;

    /// <summary>The running primary with ssl = on; skips (or, under CI, fails) when unavailable.</summary>
    public TopologyDescriptor Topology
    {
        get
        {
            PostgresRequirement.Ensure(_unavailable);
            return _topology ?? throw new InvalidOperationException("the TLS topology did not start");
        }
    }

    /// <summary>The CA that signed the server certificate.</summary>
    public string CaBundle => Path.Combine(_work, "ca.crt");

    /// <summary>A CA that did not sign it.</summary>
    public string OtherCaBundle => Path.Combine(_work, "other-ca.crt");

    public async ValueTask InitializeAsync()
    {
        _unavailable = PostgresRequirement.MissingReason() ?? (File.Exists("/usr/bin/openssl") || FindOnPath("openssl") ? null : "openssl is not installed (apt-get install openssl)");
        if (_unavailable is not null)
        {
            return;
        }

        await MakeCertificatesAsync();
        var dataParent = Path.Combine(_work, "data");
        Directory.CreateDirectory(dataParent);
        // The servers run as the postgres user when tests run as root: it must reach the data folder.
        File.SetUnixFileMode(_work, (UnixFileMode)0b111_101_101);
        File.SetUnixFileMode(dataParent, (UnixFileMode)0b111_101_101);
        _state = new TopologyStateDirectory(Path.Combine(_work, "state"));
        _topology = await TopologyLifecycle.UpAsync(new LocalTopologyProvider(TimeProvider.System, dataParent), new TopologyRequest(0), _state, CancellationToken.None);
        await EnableSslAsync(_topology);
    }

    public async ValueTask DisposeAsync()
    {
        if (_topology is not null)
        {
            await TopologyLifecycle.DownAsync(_state!, CancellationToken.None);
            LeftoverProcesses.Kill(LeftoverProcesses.Under(_work));
        }

        Directory.Delete(_work, recursive: true);
    }

    private async Task MakeCertificatesAsync()
    {
        const string Ec = "-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes";
        await File.WriteAllTextAsync(Path.Combine(_work, "san.cnf"), "subjectAltName = IP:127.0.0.1\n");
        await OpenSslAsync($"req -x509 {Ec} -keyout ca.key -out ca.crt -days 2 -subj /CN=ReplicaBench-test-CA");
        await OpenSslAsync($"req {Ec} -keyout server.key -out server.csr -subj /CN=127.0.0.1");
        await OpenSslAsync("x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -out server.crt -days 2 -extfile san.cnf");
        await OpenSslAsync($"req -x509 {Ec} -keyout other-ca.key -out other-ca.crt -days 2 -subj /CN=Some-other-CA");
    }

    private async Task EnableSslAsync(TopologyDescriptor topology)
    {
        var dataDirectory = Path.Combine(topology.Local!.DataRoot, "primary");
        foreach (var file in (string[])["server.crt", "server.key"])
        {
            var target = Path.Combine(dataDirectory, file);
            File.Copy(Path.Combine(_work, file), target);
            File.SetUnixFileMode(target, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            if (topology.Local.OsUser is { } osUser)
            {
                await RunAsync("chown", $"{osUser}: {target}");
            }
        }

        await using (var admin = new NpgsqlConnection(topology.Primary.ConnectionString))
        {
            await admin.OpenAsync();
            await using var alter = new NpgsqlCommand("ALTER SYSTEM SET ssl = on", admin);
            await alter.ExecuteNonQueryAsync();
            await using var reload = new NpgsqlCommand("SELECT pg_reload_conf()", admin);
            await reload.ExecuteNonQueryAsync();
        }

        // The reload is asynchronous: new sessions see ssl = on once the postmaster has re-read its files.
        var waited = Stopwatch.StartNew();
        while (true)
        {
            await using var probe = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(topology.Primary.ConnectionString) { Pooling = false }.ConnectionString);
            await probe.OpenAsync();
            await using var show = new NpgsqlCommand("SHOW ssl", probe);
            if ((string?)await show.ExecuteScalarAsync() == "on")
            {
                return;
            }

            if (waited.Elapsed > SslOnTimeout)
            {
                throw new InvalidOperationException($"ssl did not come on within {SslOnTimeout.TotalSeconds}s; see the server log in {topology.Local.DataRoot}");
            }

            await Task.Delay(50);
        }
    }

    private Task OpenSslAsync(string arguments) => RunAsync("openssl", arguments, _work);

    private static async Task RunAsync(string program, string arguments, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(program, arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {arguments} failed: {await stderr}");
        }
    }

    private static bool FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':').Any(dir => File.Exists(Path.Combine(dir, program)));
}
