using ReplicaBench.Topology.Containers;

namespace ReplicaBench.IntegrationTests.Containers;

/// <summary>
/// For container tests that bring up (and end) containers of their own rather than sharing a
/// topology: a private state dir per test, the reason Docker is unavailable (if it is), and, after
/// each test, every container labelled with that state dir removed, so a failed test never leaks
/// containers into the next one.
/// </summary>
public abstract class OwnContainersTestBase(string stateDirPrefix) : IAsyncLifetime
{
    /// <summary>This test's own state dir, deleted afterwards.</summary>
    protected string StateDir { get; } = Directory.CreateTempSubdirectory(stateDirPrefix).FullName;

    /// <summary>Why Docker cannot be used here, or null when it can (see <see cref="DockerRequirement"/>).</summary>
    protected string? Unavailable { get; private set; }

    protected static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => Unavailable = await DockerRequirement.MissingReasonAsync();

    public async ValueTask DisposeAsync()
    {
        if (Unavailable is null)
        {
            using var engine = await DockerEngine.ConnectAsync(CancellationToken.None);
            await engine.RemoveLabelledAsync(ContainerLabels.StateDirectory, StateDir, CancellationToken.None);
        }

        Directory.Delete(StateDir, recursive: true);
        GC.SuppressFinalize(this);
    }
}
