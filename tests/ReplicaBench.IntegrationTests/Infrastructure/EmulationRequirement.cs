using ReplicaBench.Topology.Emulation;
using ReplicaBench.Topology.Local;

namespace ReplicaBench.IntegrationTests.Infrastructure;

/// <summary>
/// Emulated nodes need root and a writable cgroup with the cpu controller. Where there is none the
/// test skips with the provider's own refusal, except under CI (REPLICABENCH_REQUIRE_POSTGRES=1),
/// where that fails it.
/// </summary>
internal static class EmulationRequirement
{
    public static void Ensure()
    {
        PostgresRequirement.Ensure();
        try
        {
            LocalTopologyProvider.EnsureBudgetSupported(NodeBudget.Parse("0.3", null));
        }
        catch (BadInputException ex)
        {
            if (PostgresRequirement.IsRequired)
            {
                Assert.Fail($"{PostgresRequirement.EnvironmentVariable}=1 but nodes cannot be emulated here: {ex.Message}");
            }

            Assert.Skip($"nodes cannot be emulated here: {ex.Message}");
        }
    }
}
