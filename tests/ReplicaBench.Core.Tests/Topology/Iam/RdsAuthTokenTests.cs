using Amazon.Runtime;
using Microsoft.Extensions.Time.Testing;
using ReplicaBench.Topology.Iam;

namespace ReplicaBench.Tests.Topology.Iam;

/// <summary>
/// Known answers: the tokens AWS's botocore makes (<c>generate_db_auth_token</c>, what
/// <c>aws rds generate-db-auth-token</c> runs) for the AWS SigV4 test suite's credentials at the
/// suite's time, X-Amz-Date 20150830T123600Z. rds-token-oracle.py beside this file prints them again.
/// Equality is exact: same bytes, same signature.
/// </summary>
public sealed class RdsAuthTokenTests
{
    private const string AccessKey = "AKIDEXAMPLE";
    private const string SecretKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

    private const string SessionToken =
        "AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/"
        + "qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT3"
        + "8xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==";

    /// <summary>botocore 1.43.11, long-term credentials.</summary>
    private const string BotocoreToken =
        "mydb.c1abcdefghij.us-east-1.rds.amazonaws.com:5432/?Action=connect&DBUser=jane_doe&X-Amz-Algorithm=AWS4-HMAC-SHA256"
        + "&X-Amz-Credential=AKIDEXAMPLE%2F20150830%2Fus-east-1%2Frds-db%2Faws4_request&X-Amz-Date=20150830T123600Z&X-Amz-Expires=900"
        + "&X-Amz-SignedHeaders=host&X-Amz-Signature=56dc0d30cb63a9c6e78ef6565688d9d36e43b996bf907e772502ec451a3e81b0";

    /// <summary>botocore 1.43.11, temporary credentials (a session token), a user name that needs encoding.</summary>
    private const string BotocoreSessionToken =
        "replica-2.c9xyz0123456.eu-west-1.rds.amazonaws.com:5433/?Action=connect&DBUser=bench.user%40corp&X-Amz-Algorithm=AWS4-HMAC-SHA256"
        + "&X-Amz-Credential=AKIDEXAMPLE%2F20150830%2Feu-west-1%2Frds-db%2Faws4_request&X-Amz-Date=20150830T123600Z&X-Amz-Expires=900"
        + "&X-Amz-SignedHeaders=host&X-Amz-Security-Token=AQoDYXdzEPT%2F%2F%2F%2F%2F%2F%2F%2F%2F%2FwEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI%2F"
        + "qkPpKPi%2FkMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d%2Bxo0rKwT3"
        + "8xVqr7ZD0u0iPPkUL64lIZbqBAz%2BscqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR%2FoLxBA%3D%3D"
        + "&X-Amz-Signature=efdc5a23e0bc46323dd9ed841d0e1c7c242be5f19358281f40575e380fb2abfe";

    private static readonly DateTimeOffset SigV4SuiteTime = new(2015, 8, 30, 12, 36, 0, TimeSpan.Zero);

    [Fact]
    public void The_token_equals_botocores_for_the_SigV4_suite_credentials_and_time()
    {
        var token = RdsAuthToken.Generate(
            new ImmutableCredentials(AccessKey, SecretKey, null), "us-east-1", "mydb.c1abcdefghij.us-east-1.rds.amazonaws.com", 5432, "jane_doe", SigV4SuiteTime);

        Assert.Equal(BotocoreToken, token);
    }

    [Fact]
    public void With_a_session_token_the_token_carries_it_signed_as_botocore_does()
    {
        var token = RdsAuthToken.Generate(
            new ImmutableCredentials(AccessKey, SecretKey, SessionToken), "eu-west-1", "replica-2.c9xyz0123456.eu-west-1.rds.amazonaws.com", 5433, "bench.user@corp", SigV4SuiteTime);

        Assert.Equal(BotocoreSessionToken, token);
    }

    [Fact]
    public void A_token_source_signs_at_its_clocks_second_so_a_later_second_gives_another_token()
    {
        var clock = new FakeTimeProvider(SigV4SuiteTime);
        var source = new RdsTokenSource(() => new ImmutableCredentials(AccessKey, SecretKey, null), clock);

        var first = source.TokenFor("mydb.c1abcdefghij.us-east-1.rds.amazonaws.com", 5432, "jane_doe", "us-east-1");
        clock.Advance(TimeSpan.FromSeconds(1));
        var second = source.TokenFor("mydb.c1abcdefghij.us-east-1.rds.amazonaws.com", 5432, "jane_doe", "us-east-1");

        Assert.Equal(BotocoreToken, first);
        Assert.Contains("X-Amz-Date=20150830T123601Z", second, StringComparison.Ordinal);
        Assert.NotEqual(first, second);
        Assert.Equal("RDS IAM tokens", source.ToString());
    }

    [Fact]
    public void The_secret_key_is_never_part_of_the_token()
    {
        var token = RdsAuthToken.Generate(new ImmutableCredentials(AccessKey, SecretKey, null), "us-east-1", "h.example", 5432, "u", SigV4SuiteTime);

        Assert.DoesNotContain(SecretKey, Uri.UnescapeDataString(token), StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromSeconds(900), RdsAuthToken.Lifetime);
    }
}
