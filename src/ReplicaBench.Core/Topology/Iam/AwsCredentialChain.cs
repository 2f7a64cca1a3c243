using Amazon.Runtime;
using Amazon.Runtime.Credentials;

namespace ReplicaBench.Topology.Iam;

/// <summary>
/// AWS credentials from AWSSDK.Core's default chain, the same search every AWS SDK makes:
/// the environment (<c>AWS_ACCESS_KEY_ID</c>, <c>AWS_SECRET_ACCESS_KEY</c>, <c>AWS_SESSION_TOKEN</c>),
/// the shared profile (<c>AWS_PROFILE</c>, else <c>default</c>, in <c>~/.aws/credentials</c> and
/// <c>~/.aws/config</c>), web identity (<c>AWS_WEB_IDENTITY_TOKEN_FILE</c> with <c>AWS_ROLE_ARN</c>:
/// GitHub Actions OIDC, Kubernetes service accounts; through AWSSDK.SecurityToken), ECS container
/// credentials, and EC2 instance metadata (skipped when <c>AWS_EC2_METADATA_DISABLED=true</c>).
/// The chain's credentials refresh themselves (temporary ones before they expire), so each token
/// asks for them again.
/// </summary>
internal static class AwsCredentialChain
{
    /// <summary>The places searched, in order, as the failure names them.</summary>
    public const string PlacesSearched =
        "AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY in the environment, the shared profile (AWS_PROFILE or 'default') in ~/.aws/credentials and ~/.aws/config, "
        + "web identity (AWS_WEB_IDENTITY_TOKEN_FILE with AWS_ROLE_ARN), ECS container credentials and EC2 instance metadata";

    /// <summary>One resolver for the process: it keeps the credentials it found, which refresh themselves.</summary>
    private static readonly DefaultAWSCredentialsIdentityResolver Resolver = new();

    /// <summary>The current credentials, or a one-line <see cref="BadInputException"/>: where it looked, or which ones it found and why they failed.</summary>
    public static ImmutableCredentials Current()
    {
        AWSCredentials found;
        try
        {
            found = Resolver.ResolveIdentity(null);
        }
        catch (Exception ex) when (ex is AmazonClientException or InvalidOperationException or ArgumentException)
        {
            // The SDK's own message spans lines and may quote a profile; the places are what the user needs.
            throw new BadInputException($"no AWS credentials for an IAM token: searched {PlacesSearched}; set one of them (see docs/external.md, IAM authentication).", ex);
        }

        try
        {
            return found.GetCredentials();
        }
        catch (Exception ex) when (ex is AmazonClientException or InvalidOperationException or ArgumentException or HttpRequestException)
        {
            // Found but unusable: e.g. web identity whose AssumeRoleWithWebIdentity call to STS failed.
            var reason = ex.Message.Split('\n', 2)[0].Trim().TrimEnd('.');
            throw new BadInputException($"the AWS credentials found ({found.GetType().Name}) could not be used for an IAM token: {reason}; check them and that STS is reachable (see docs/external.md, IAM authentication).", ex);
        }
    }
}
