using ReplicaBench.Topology.Containers;

namespace ReplicaBench.IntegrationTests.Containers;

/// <summary>
/// Container tests need a Docker engine and a PostgreSQL image already on it (tests never pull).
/// Without them they skip with the reason, unless <c>REPLICABENCH_REQUIRE_DOCKER=1</c> (set by CI,
/// after <c>tools/ci/docker-setup.sh</c>), which turns the skip into a failure.
/// </summary>
internal static class DockerRequirement
{
    public const string EnvironmentVariable = "REPLICABENCH_REQUIRE_DOCKER";

    /// <summary>The image the tests run (CI: the one docker-setup.sh builds); default the official one, if present.</summary>
    public const string ImageEnvironmentVariable = "REPLICABENCH_TEST_IMAGE";

    public static bool IsRequired => Environment.GetEnvironmentVariable(EnvironmentVariable) == "1";

    public static string Image =>
        Environment.GetEnvironmentVariable(ImageEnvironmentVariable) is { Length: > 0 } image ? image : ContainerTopologyOptions.DefaultImage;

    /// <summary>Why containers cannot be used here, or null when they can.</summary>
    public static async Task<string?> MissingReasonAsync()
    {
        try
        {
            using var engine = await DockerEngine.ConnectAsync(CancellationToken.None);
            return await engine.ImageExistsAsync(Image, CancellationToken.None)
                ? null
                : $"image {Image} is not on the Docker engine at {engine.Endpoint} (tests never pull; run tools/ci/docker-setup.sh or set {ImageEnvironmentVariable})";
        }
        catch (BadInputException ex)
        {
            return ex.Message;
        }
    }

    /// <summary>Skips the calling test (or fails it under CI) when containers cannot run here.</summary>
    public static void Ensure(string? reason)
    {
        if (reason is null)
        {
            return;
        }

        if (IsRequired)
        {
            Assert.Fail($"{EnvironmentVariable}=1 but Docker is not usable: {reason}");
        }

        Assert.Skip($"Docker is not usable here: {reason}");
    }
}
