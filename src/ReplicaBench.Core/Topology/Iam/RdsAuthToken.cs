using System.Globalization;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Auth;
using Amazon.Runtime.Internal.Util;

namespace ReplicaBench.Topology.Iam;

/// <summary>
/// An RDS IAM authentication token: a SigV4 presigned URL (without its scheme) for
/// <c>GET https://HOST:PORT/?Action=connect&amp;DBUser=USER</c>, service <c>rds-db</c>, valid
/// 900 seconds, signed by AWSSDK.Core's own presigner (<see cref="AWS4PreSignedUrlSigner"/>) the
/// way AWSSDK.RDS's <c>RDSAuthTokenGenerator</c> calls it. The query is laid out as botocore (and so
/// <c>aws rds generate-db-auth-token</c>) prints it, so a token can be compared with the AWS CLI's
/// byte for byte; RDS checks the signature over the canonical (sorted) query, so the order of the
/// parameters does not change the signature.
/// </summary>
internal static class RdsAuthToken
{
    /// <summary>How long a token is accepted after it is signed (RDS's fixed 15 minutes).</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);

    private const string Service = "rds-db";

    public static string Generate(ImmutableCredentials credentials, string region, string host, int port, string user, DateTimeOffset signedAt)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentOutOfRangeException.ThrowIfLessThan(port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);

        var expires = ((int)Lifetime.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        using var request = new DefaultRequest(new TokenRequest(), Service)
        {
            UseQueryString = true,
            HttpMethod = "GET",
            Endpoint = new UriBuilder(Uri.UriSchemeHttps, host, port).Uri,
        };
        request.Parameters.Add("Action", "connect");
        request.Parameters.Add("DBUser", user);
        request.Parameters.Add("X-Amz-Expires", expires);
        if (credentials.UseToken)
        {
            request.Parameters.Add("X-Amz-Security-Token", credentials.Token);
        }

        var signed = AWS4PreSignedUrlSigner.SignRequest(
            request, null, new RequestMetrics(), credentials.AccessKey, credentials.SecretKey, Service, region, signedAt.UtcDateTime);

        // ForQueryParameters: X-Amz-Algorithm, -Credential, -Date, -SignedHeaders, -Signature, already encoded.
        var auth = signed.ForQueryParameters.Split('&').ToDictionary(p => p[..p.IndexOf('=', StringComparison.Ordinal)], StringComparer.Ordinal);
        List<string> query =
        [
            "Action=connect",
            "DBUser=" + Encode(user),
            auth["X-Amz-Algorithm"],
            auth["X-Amz-Credential"],
            auth["X-Amz-Date"],
            "X-Amz-Expires=" + expires,
            auth["X-Amz-SignedHeaders"],
        ];
        if (credentials.UseToken)
        {
            query.Add("X-Amz-Security-Token=" + Encode(credentials.Token));
        }

        query.Add(auth["X-Amz-Signature"]);
        return string.Create(CultureInfo.InvariantCulture, $"{host}:{port}/?{string.Join('&', query)}");
    }

    /// <summary>RFC 3986 percent-encoding, as SigV4 (and both SDKs) encode query values.</summary>
    private static string Encode(string value) => Amazon.Util.AWSSDKUtils.UrlEncode(value, path: false);

    /// <summary>The presigner works on service requests; this one is only ever signed, never sent.</summary>
    private sealed class TokenRequest : AmazonWebServiceRequest
    {
        public TokenRequest()
        {
            ((IAmazonWebServiceRequest)this).SignatureVersion = SignatureVersion.SigV4;
        }
    }
}
