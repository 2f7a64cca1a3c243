using System.CommandLine;
using ReplicaBench.Topology.External;
using ReplicaBench.Topology.Settings;

namespace ReplicaBench.Cli.Commands;

/// <summary>
/// The <c>topology up</c> options that set PostgreSQL settings per role (<c>--primary-setting</c>,
/// <c>--replica-setting</c>, <c>--no-restart</c>), kept apart so the up command stays readable.
/// </summary>
internal sealed class ServerSettingUpOptions
{
    public Option<string[]> Primary { get; } = new(ServerSettingsPlan.PrimaryOption)
    {
        Description = "Local and containers: a PostgreSQL setting for the primary, NAME=VALUE (repeatable), applied after start with ALTER SYSTEM, then a reload, or a restart when pg_settings.context is 'postmaster'; recorded in topology.json and every run's results. External: refused (set it in the RDS parameter group).",
        HelpName = "NAME=VALUE",
        AllowMultipleArgumentsPerToken = false,
    };

    public Option<string[]> Replica { get; } = new(ServerSettingsPlan.ReplicaOption)
    {
        Description = "Like --primary-setting, for every replica, e.g. hot_standby_feedback=off or max_standby_streaming_delay=0.",
        HelpName = "NAME=VALUE",
        AllowMultipleArgumentsPerToken = false,
    };

    public Option<bool> NoRestart { get; } = new(ServerSettingsPlan.NoRestartOption)
    {
        Description = "Refuse a --primary-setting/--replica-setting that needs a server restart (pg_settings.context 'postmaster') instead of restarting the node.",
    };

    public IEnumerable<Option> All => [Primary, Replica, NoRestart];

    /// <summary>The settings asked for; refused at once for an external topology, before anything is verified or started.</summary>
    public ServerSettingsPlan Parse(ParseResult parse, string providerName)
    {
        var plan = ServerSettingsPlan.Parse(parse.GetValue(Primary), parse.GetValue(Replica), parse.GetValue(NoRestart));
        if (!plan.IsEmpty && providerName == ExternalTopologyProvider.ProviderName)
        {
            throw new BadInputException(ServerSettingsApplier.ExternalRefusal);
        }

        return plan;
    }
}
