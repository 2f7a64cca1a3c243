using System.CommandLine;
using System.Globalization;
using ReplicaBench.Topology.Iam;

namespace ReplicaBench.Cli.Commands;

/// <summary>
/// <c>replicabench auth rds-token</c>: prints an RDS IAM authentication token and nothing else on
/// stdout, so it can be a password: <c>PGPASSWORD="$(replicabench auth rds-token ...)" psql ...</c>.
/// </summary>
internal static class AuthRdsTokenCommand
{
    public static Command Create()
    {
        var host = new Option<string>("--host") { Description = "The RDS endpoint's host name (the token is signed for it).", HelpName = "HOST", Required = true };
        var port = new Option<string>("--port") { Description = "The endpoint's port (1 to 65535).", HelpName = "PORT", Required = true };
        var user = new Option<string>("--user") { Description = "The database user to log in as (granted rds_iam).", HelpName = "USER", Required = true };
        var region = new Option<string?>("--region")
        {
            Description = $"The AWS region to sign for (default: ${RdsRegion.RegionVariable}, else ${RdsRegion.DefaultRegionVariable}, else the one in the RDS endpoint's name).",
            HelpName = "REGION",
        };
        var command = new Command(
            "rds-token",
            "Print an RDS IAM authentication token (valid 15 minutes) for HOST:PORT and USER, signed with the AWS credentials found the way every AWS SDK finds them "
            + "(environment, shared profile, web identity, ECS, instance metadata). Only the token is written to stdout.")
        {
            host, port, user, region,
        };
        command.SetAction(async parse =>
        {
            var endpoint = Required(parse.GetValue(host)!, "--host");
            var login = Required(parse.GetValue(user)!, "--user");
            var portNumber = Port(parse.GetValue(port)!);

            var signingRegion = RdsRegion.Resolve(parse.GetValue(region), "--region", endpoint, Environment.GetEnvironmentVariable);
            var token = RdsTokenSource.Default.TokenFor(endpoint, portNumber, login, signingRegion);
            await parse.InvocationConfiguration.Output.WriteLineAsync(token);
            return ExitCodes.Success;
        });
        return command;
    }

    private static int Port(string text)
    {
        const string Fix = "use a TCP port from 1 to 65535 (PostgreSQL's default is 5432)";
        if (!int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var port))
        {
            throw new BadInputException($"--port '{text}' is not a number; {Fix}.");
        }

        return port is >= 1 and <= 65535
            ? port
            : throw new BadInputException(string.Create(CultureInfo.InvariantCulture, $"--port {port} is out of range; {Fix}."));
    }

    private static string Required(string value, string option) => string.IsNullOrWhiteSpace(value)
        ? throw new BadInputException($"{option} is empty; give a value.")
        : value.Trim();
}
