using ReplicaBench.Topology.Local;

namespace ReplicaBench.Tests.Topology;

/// <summary>The postgresql.conf lines a <c>--tls</c> local primary gets (its replicas inherit them with the base backup).</summary>
public sealed class LocalServerTlsSettingsTests
{
    [Fact]
    public void With_a_TLS_folder_the_primary_turns_ssl_on_with_the_certificate_and_key_there_quoted()
    {
        var lines = LocalServerSettings.ForPrimary(5432, "/tmp/it's").Split('\n');

        Assert.Contains("ssl = on", lines);
        Assert.Contains("ssl_cert_file = '/tmp/it''s/server.crt'", lines);
        Assert.Contains("ssl_key_file = '/tmp/it''s/server.key'", lines);
    }

    [Fact]
    public void Without_one_nothing_about_ssl_is_written() =>
        Assert.DoesNotContain("ssl", LocalServerSettings.ForPrimary(5432, null), StringComparison.Ordinal);
}
