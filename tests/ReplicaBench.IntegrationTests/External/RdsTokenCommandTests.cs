using System.Globalization;
using Amazon.Runtime;
using ReplicaBench.Cli;
using ReplicaBench.IntegrationTests.Infrastructure;
using ReplicaBench.Topology.Iam;

namespace ReplicaBench.IntegrationTests.External;

/// <summary>
/// <c>replicabench auth rds-token</c> as a user runs it, in a child process whose AWS environment the
/// test sets entirely (no profile, no instance metadata): the token and nothing else on stdout, or
/// one line and exit 2. No server is needed.
/// </summary>
public sealed class RdsTokenCommandTests
{
    private const string Host = "mydb.c1abcdefghij.us-east-1.rds.amazonaws.com";
    private const string AccessKey = "AKIDEXAMPLE";
    private const string SecretKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

    [Fact]
    public async Task With_credentials_in_the_environment_it_prints_only_the_token_signed_at_its_second()
    {
        var (code, stdout, stderr) = await CliProcess.RunAsync(
            ["auth", "rds-token", "--host", Host, "--port", "5432", "--user", "jane_doe"],
            AwsEnvironment(("AWS_ACCESS_KEY_ID", AccessKey), ("AWS_SECRET_ACCESS_KEY", SecretKey)));

        Assert.True(code == 0, stderr);
        Assert.Empty(stderr);
        var token = Assert.Single(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        // The known answer: the same credentials, host, user and region (from the host name) signed at the second the token names.
        var date = token.Split('&').Single(p => p.StartsWith("X-Amz-Date=", StringComparison.Ordinal))["X-Amz-Date=".Length..];
        var signedAt = DateTimeOffset.ParseExact(date, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        Assert.Equal(RdsAuthToken.Generate(new ImmutableCredentials(AccessKey, SecretKey, null), "us-east-1", Host, 5432, "jane_doe", signedAt), token);
        Assert.DoesNotContain(SecretKey, Uri.UnescapeDataString(stdout), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_credentials_it_names_the_places_searched_in_one_line()
    {
        var (code, stdout, stderr) = await CliProcess.RunAsync(["auth", "rds-token", "--host", Host, "--port", "5432", "--user", "jane_doe"], AwsEnvironment());

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Empty(stdout);
        Assert.Equal(
            "replicabench: no AWS credentials for an IAM token: searched AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY in the environment, the shared profile (AWS_PROFILE or 'default') in ~/.aws/credentials and ~/.aws/config, "
            + "web identity (AWS_WEB_IDENTITY_TOKEN_FILE with AWS_ROLE_ARN), ECS container credentials and EC2 instance metadata; set one of them (see docs/external.md, IAM authentication).",
            stderr.TrimEnd('\n'));
    }

    [Fact]
    public async Task A_host_that_is_not_an_RDS_name_needs_a_region_and_the_line_names_the_three_places()
    {
        var (code, stdout, stderr) = await CliProcess.RunAsync(
            ["auth", "rds-token", "--host", "127.0.0.1", "--port", "5432", "--user", "jane_doe"],
            AwsEnvironment(("AWS_ACCESS_KEY_ID", AccessKey), ("AWS_SECRET_ACCESS_KEY", SecretKey)));

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Empty(stdout);
        Assert.Equal(
            "replicabench: no AWS region for the IAM token to 127.0.0.1: give --region, set AWS_REGION or AWS_DEFAULT_REGION, or connect by the RDS endpoint name (NAME.ID.REGION.rds.amazonaws.com), which carries it.",
            stderr.TrimEnd('\n'));
    }

    /// <summary>Every AWS variable the credential and region search reads, blank unless given; metadata off; a HOME without ~/.aws.</summary>
    private static Dictionary<string, string> AwsEnvironment(params (string Name, string Value)[] variables)
    {
        string[] searched =
        [
            "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_ARN",
            "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_REGION", "AWS_DEFAULT_REGION",
            "AWS_SHARED_CREDENTIALS_FILE", "AWS_CONFIG_FILE",
        ];
        var environment = searched.ToDictionary(v => v, _ => string.Empty, StringComparer.Ordinal);
        environment["AWS_EC2_METADATA_DISABLED"] = "true";
        environment["HOME"] = "/nonexistent-home";
        foreach (var (name, value) in variables)
        {
            environment[name] = value;
        }

        return environment;
    }
}
