using System.CommandLine;

namespace ReplicaBench.Cli.Commands;

/// <summary><c>replicabench auth</c>: credentials for the servers the suite connects to.</summary>
internal static class AuthCommand
{
    public static Command Create()
    {
        var command = new Command("auth", "Credentials for connecting to servers (RDS IAM authentication tokens).");
        command.Subcommands.Add(AuthRdsTokenCommand.Create());
        return command;
    }
}
