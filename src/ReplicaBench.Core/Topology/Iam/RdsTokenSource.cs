using Amazon.Runtime;

namespace ReplicaBench.Topology.Iam;

/// <summary>
/// Makes RDS IAM tokens from a credential source and a clock: in a real run AWSSDK.Core's default
/// chain (<see cref="AwsCredentialChain"/>) and the system clock; in a test fixed credentials and a
/// fixed clock, so the token is known in advance. Holds no token; <see cref="ToString"/> shows nothing secret.
/// </summary>
public sealed class RdsTokenSource
{
    private readonly Func<ImmutableCredentials> _credentials;
    private readonly TimeProvider _clock;

    internal RdsTokenSource(Func<ImmutableCredentials> credentials, TimeProvider clock)
    {
        _credentials = credentials;
        _clock = clock;
    }

    /// <summary>The default credential chain and the system clock.</summary>
    public static RdsTokenSource Default { get; } = new(AwsCredentialChain.Current, TimeProvider.System);

    /// <summary>A token for <paramref name="user"/> at <paramref name="host"/>:<paramref name="port"/>, signed now for <paramref name="region"/>.</summary>
    public string TokenFor(string host, int port, string user, string region) =>
        RdsAuthToken.Generate(_credentials(), region, host, port, user, _clock.GetUtcNow());

    public override string ToString() => "RDS IAM tokens";
}
