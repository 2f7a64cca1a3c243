using ReplicaBench.Topology.Local;

namespace ReplicaBench.IntegrationTests.Infrastructure;

/// <summary>
/// Integration tests need PostgreSQL server binaries. Without them they skip with the reason,
/// unless <c>REPLICABENCH_REQUIRE_POSTGRES=1</c> (set by CI), which turns the skip into a failure.
/// </summary>
internal static class PostgresRequirement
{
    public const string EnvironmentVariable = "REPLICABENCH_REQUIRE_POSTGRES";

    public static bool IsRequired => Environment.GetEnvironmentVariable(EnvironmentVariable) == "1";

    /// <summary>Why PostgreSQL cannot be used here, or null when it can.</summary>
    public static string? MissingReason()
    {
        try
        {
            PostgresBinaries.Locate();
            return null;
        }
        catch (BadInputException ex)
        {
            return ex.Message;
        }
    }

    /// <summary>Skips the calling test (or fails it under CI) when PostgreSQL is missing.</summary>
    public static void Ensure(string? reason = null)
    {
        reason ??= MissingReason();
        if (reason is null)
        {
            return;
        }

        if (IsRequired)
        {
            Assert.Fail($"{EnvironmentVariable}=1 but PostgreSQL is not usable: {reason}");
        }

        Assert.Skip($"PostgreSQL is not usable here: {reason}");
    }
}
