using ReplicaBench.Engine;
using ReplicaBench.IntegrationTests.Infrastructure;
using ReplicaBench.Topology;
using ReplicaBench.Topology.Containers;

namespace ReplicaBench.IntegrationTests.Containers;

/// <summary>
/// Each test here brings up containers of its own, because each ends them: by down, by a crash and
/// the next up, by cancellation, or by a failure. Docker is asked, by label, that nothing is left.
/// </summary>
public sealed class ContainerLifecycleTests() : OwnContainersTestBase("rb-it-containers-")
{
    [Fact]
    public async Task A_killed_up_is_cleaned_up_by_the_next_up_and_down_leaves_no_container_behind()
    {
        DockerRequirement.Ensure(Unavailable);
        string[] up = ["topology", "up", "--provider", "containers", "--image", DockerRequirement.Image, "--network", "host", "--replicas", "1", "--state-dir", StateDir];

        // An up killed (SIGKILL: no cleanup runs) once its primary container exists.
        var orphans = new List<string>();
        using (var killed = CliProcess.Start(up))
        {
            var waited = System.Diagnostics.Stopwatch.StartNew();
            while (orphans.Count == 0)
            {
                Assert.True(waited.Elapsed < TimeSpan.FromSeconds(60), "up never created a container: " + killed.Stderr);
                await Task.Delay(50, Token);
                orphans.AddRange((await ContainersOfStateDirAsync()).Select(c => c.ID));
            }
        }

        var second = await CliProcess.RunAsync(up);
        Assert.True(second.Code == 0, second.Stderr);
        var topology = new TopologyStateDirectory(StateDir).Read();
        var running = (await ContainersOfStateDirAsync()).Select(c => c.ID).ToList();
        Assert.Equal(topology.Containers!.Containers.Select(c => c.Id).Order(), running.Order());
        Assert.DoesNotContain(orphans, running.Contains);

        var down = await CliProcess.RunAsync(["topology", "down", "--state-dir", StateDir]);
        Assert.True(down.Code == 0, down.Stderr);
        Assert.Empty(await ContainersOfStateDirAsync());
        using var engine = await DockerEngine.ConnectAsync(Token);
        Assert.Equal(0, await engine.CountNetworksWithLabelAsync(ContainerLabels.StateDirectory, StateDir, Token));

        var password = new Npgsql.NpgsqlConnectionStringBuilder(topology.Primary.ConnectionString).Password!;
        Assert.Contains("replica1", second.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(password, second.Stdout + second.Stderr + down.Stdout + down.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cancelled_up_removes_every_container_it_started()
    {
        DockerRequirement.Ensure(Unavailable);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var provider = new ContainersTopologyProvider(new ContainerTopologyOptions(DockerRequirement.Image, ContainerNetworkMode.Host), TimeProvider.System);
        var up = TopologyLifecycle.UpAsync(provider, new TopologyRequest(2), new TopologyStateDirectory(StateDir), cts.Token);

        // Cancel once the primary runs: the replicas are being created or cloned.
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!(await ContainersOfStateDirAsync()).Any(c => c.State == "running") && !up.IsCompleted)
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(60), "up never started a container");
            await Task.Delay(20, Token);
        }

        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => up);
        Assert.Empty(await ContainersOfStateDirAsync());
        Assert.False(File.Exists(Path.Combine(StateDir, TopologyStateDirectory.FileName)));
    }

    [Fact]
    public async Task An_image_without_postgresql_is_refused_in_one_line_and_leaves_nothing()
    {
        DockerRequirement.Ensure(Unavailable);
        await NoPostgresImage.EnsureAsync(Token);

        var (code, stdout, stderr) = await CliProcess.RunAsync(
            ["topology", "up", "--provider", "containers", "--image", NoPostgresImage.Name, "--network", "host", "--state-dir", StateDir]);

        Assert.Equal(2, code);
        Assert.Equal(
            $"replicabench: image '{NoPostgresImage.Name}' cannot run a PostgreSQL server: it has no PostgreSQL server binaries (initdb, postgres, pg_basebackup); pass --image with a PostgreSQL server image (default postgres:15).",
            stderr.TrimEnd());
        Assert.Empty(stdout);
        Assert.Empty(await ContainersOfStateDirAsync());
        Assert.False(File.Exists(Path.Combine(StateDir, TopologyStateDirectory.FileName)));
    }

    [Fact]
    public async Task Down_refuses_to_look_for_the_containers_on_another_docker_engine()
    {
        DockerRequirement.Ensure(Unavailable);
        var state = new TopologyStateDirectory(StateDir);
        state.Write(new TopologyDescriptor
        {
            Provider = ContainersTopologyProvider.ProviderName,
            CreatedAt = TimeProvider.System.GetUtcNow(),
            Nodes = [new TopologyNode("primary", NodeRole.Primary, "127.0.0.1", 5432, "Host=127.0.0.1;Port=5432")],
            Containers = new ContainerTopologyDetails(
                "0badc0de", "unix:///run/another-engine/docker.sock", DockerRequirement.Image, ContainerNetworkMode.Host, null, []),
        });

        var (code, _, stderr) = await CliProcess.RunAsync(["topology", "down", "--state-dir", StateDir]);

        Assert.Equal(2, code);
        Assert.Contains("runs on the Docker engine at unix:///run/another-engine/docker.sock", stderr, StringComparison.Ordinal);
        Assert.Contains("set DOCKER_HOST=unix:///run/another-engine/docker.sock", stderr, StringComparison.Ordinal);
        Assert.True(state.HasTopology, "topology.json must survive a refused down");
    }

    [Fact]
    public async Task Docker_not_reachable_says_how_to_start_it_or_to_use_the_local_provider()
    {
        // Needs no engine at all: a DOCKER_HOST that nothing listens on.
        var (code, stdout, stderr) = await CliProcess.RunAsync(
            ["topology", "up", "--provider", "containers", "--image", "postgres:15", "--state-dir", StateDir],
            new Dictionary<string, string> { ["DOCKER_HOST"] = "unix:///nonexistent/replicabench-docker.sock" });

        Assert.Equal(2, code);
        Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("Docker is not reachable (DOCKER_HOST=unix:///nonexistent/replicabench-docker.sock does not answer)", stderr, StringComparison.Ordinal);
        Assert.Contains("--provider local", stderr, StringComparison.Ordinal);
        Assert.Empty(stdout);
    }

    private async Task<IReadOnlyList<Docker.DotNet.Models.ContainerListResponse>> ContainersOfStateDirAsync()
    {
        using var engine = await DockerEngine.ConnectAsync(Token);
        return await engine.ContainersWithLabelAsync(ContainerLabels.StateDirectory, StateDir, Token);
    }
}
