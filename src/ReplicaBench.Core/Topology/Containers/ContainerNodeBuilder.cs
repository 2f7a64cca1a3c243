using System.Text;
using Docker.DotNet.Models;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Configurations;
using DotNet.Testcontainers.Containers;
using DotNet.Testcontainers.Networks;
using Microsoft.Extensions.Logging.Abstractions;

namespace ReplicaBench.Topology.Containers;

/// <summary>
/// The Testcontainers configuration of one node. It uses the generic <see cref="ContainerBuilder"/>
/// rather than Testcontainers.PostgreSql's <c>PostgreSqlBuilder</c>, whose contract is one stand-alone
/// server of the official image: it passes the password in <c>POSTGRES_PASSWORD</c> (visible to
/// anyone who can <c>docker inspect</c>), relies on the official image's entry point, fixes the
/// server on container port 5432 behind a published port, and waits with its own <c>pg_isready</c>
/// call — none of which fits replicas cloned with <c>pg_basebackup</c>, host networking with one
/// loopback port per server, or images other than the official one.
/// </summary>
internal static class ContainerNodeBuilder
{
    /// <summary>The port PostgreSQL listens on inside its container in bridge mode.</summary>
    public const int BridgeServerPort = 5432;

    /// <summary>The official image's own advice: Docker's 64 MB default /dev/shm is too small for parallel queries.</summary>
    private const long SharedMemoryBytes = 256L * 1024 * 1024;

    private const UnixFileModes ReadOnly = UnixFileModes.UserRead | UnixFileModes.GroupRead | UnixFileModes.OtherRead;

    private const UnixFileModes Executable = ReadOnly | UnixFileModes.UserExecute | UnixFileModes.GroupExecute | UnixFileModes.OtherExecute;

    public static IContainer Build(
        ContainerTopologyOptions options,
        ContainerNodeSpec node,
        string containerName,
        IReadOnlyDictionary<string, string> labels,
        string password,
        INetwork? network)
    {
        var builder = new ContainerBuilder(options.Image)
            .WithName(containerName)
            .WithLabel(labels)
            // The servers must outlive the `up` process: Testcontainers' reaper would remove them when it
            // exits. Our labels are what `down` (and a later `up` after a crash) clean up by.
            .WithCleanUp(false)
            .WithAutoRemove(false)
            .WithLogger(NullLogger.Instance)
            // Docker drops the image's CMD when the entry point is given: the script runs with no arguments.
            .WithEntrypoint("/bin/sh", ContainerEntryScript.ScriptPath)
            .WithResourceMapping(Encoding.UTF8.GetBytes(node.Script), ContainerEntryScript.ScriptPath, 0, 0, Executable)
            // Readable by the server's user, whose uid differs between images; the file never leaves the
            // container and its process list (the password is in no argument and no environment variable).
            .WithResourceMapping(Encoding.UTF8.GetBytes(password + "\n"), ContainerEntryScript.PasswordPath, 0, 0, ReadOnly)
            .WithResourceMapping(Encoding.UTF8.GetBytes(node.Settings), ContainerEntryScript.SettingsPath, 0, 0, ReadOnly)
            .WithCreateParameterModifier(parameters => Configure(parameters, options.Network, node));

        if (node.Certificates is { } certificates)
        {
            // Readable inside the container for the same reason as the password: the entry script, as the
            // server's user, copies the key into the data directory with mode 0600. The key signs for this
            // topology's throwaway servers only (its CA's private key no longer exists).
            builder = builder
                .WithResourceMapping(Encoding.UTF8.GetBytes(certificates.ServerCertificatePem), ContainerEntryScript.CertificatePath, 0, 0, ReadOnly)
                .WithResourceMapping(Encoding.UTF8.GetBytes(certificates.ServerKeyPem), ContainerEntryScript.KeyPath, 0, 0, ReadOnly);
        }

        if (network is not null)
        {
            builder = builder
                .WithNetwork(network)
                .WithNetworkAliases(node.Name)
                .WithPortBinding(BridgeServerPort, assignRandomHostPort: true);
        }

        return builder.Build();
    }

    internal static void Configure(CreateContainerParameters parameters, ContainerNetworkMode network, ContainerNodeSpec node)
    {
        // PostgreSQL refuses to run as root; every PostgreSQL image has this user (uid varies).
        parameters.User = "postgres";
        // Fast shutdown on `docker stop` (SIGTERM would wait for every client to disconnect).
        parameters.StopSignal = "SIGINT";
        parameters.HostConfig ??= new HostConfig();
        parameters.HostConfig.ShmSize = SharedMemoryBytes;
        ContainerResources.Apply(parameters.HostConfig, node.Cpus, node.MemoryBytes);
        if (network == ContainerNetworkMode.Host)
        {
            parameters.HostConfig.NetworkMode = "host";
            return;
        }

        // Published on loopback only: a benchmark server with a generated password is no service for the LAN.
        foreach (var bindings in parameters.HostConfig.PortBindings?.Values ?? [])
        {
            foreach (var binding in bindings)
            {
                binding.HostIP = "127.0.0.1";
            }
        }
    }
}
