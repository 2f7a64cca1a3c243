using System.Text.Json;
using ReplicaBench.Configuration;

namespace ReplicaBench.Topology.External;

/// <summary>
/// Reads the external provider's JSON config file into a draft. Every problem is one line naming
/// the file and the field. Unknown fields are refused (a misspelt <c>allowWrites</c> must not
/// silently mean "no"), and so is a <c>password</c> field: passwords never live in config files.
/// </summary>
/// <remarks>
/// Shape (comments and trailing commas allowed; field names are case-insensitive):
/// <code>
/// {
///   "primary":  { "host": "db.abc123.eu-west-1.rds.amazonaws.com", "port": 5432 },
///   "replicas": [ { "name": "replica1", "host": "db-r1.abc123.eu-west-1.rds.amazonaws.com" } ],
///   "database": "app",
///   "user": "replicabench",
///   "sslMode": "verify-full",
///   "sslRootCert": "global-bundle.pem",
///   "allowWrites": false,
///   "connectTimeout": "5s"
/// }
/// </code>
/// Endpoints may also be strings: <c>"host:port"</c>, and for replicas <c>"name=host:port"</c>.
/// A relative <c>sslRootCert</c> is relative to the config file's folder.
/// </remarks>
internal static class ExternalConfigFile
{
    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
    };

    public static void ReadInto(ExternalConfigDraft draft, string path)
    {
        var fullPath = Path.GetFullPath(path);
        string text;
        try
        {
            text = File.ReadAllText(fullPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new BadInputException($"--config {path} cannot be read ({ex.Message.TrimEnd('.')}); give the path of the external endpoints' JSON file.", ex);
        }

        draft.ConfigFile = fullPath;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, DocumentOptions);
        }
        catch (JsonException ex)
        {
            throw new BadInputException(
                $"{fullPath} is not valid JSON (line {ex.LineNumber + 1}): fix the file; see docs/external.md for its shape.", ex);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new BadInputException($"{fullPath} must hold one JSON object with \"primary\", \"database\" and \"user\"; see docs/external.md.");
            }

            var reader = new FieldReader(fullPath);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                reader.Apply(draft, property);
            }
        }
    }

    private sealed class FieldReader(string file)
    {
        public void Apply(ExternalConfigDraft draft, JsonProperty property)
        {
            var value = property.Value;
            switch (property.Name.ToUpperInvariant())
            {
                case "PRIMARY":
                    draft.Primary = Address(value, "primary");
                    break;
                case "REPLICAS":
                    draft.Replicas = Replicas(value);
                    break;
                case "DATABASE":
                    draft.Database = String(value, "database");
                    break;
                case "USER":
                    draft.User = String(value, "user");
                    break;
                case "SSLMODE":
                    draft.SslMode = SslModeNames.Parse(String(value, "sslMode"), $"{file}: sslMode");
                    break;
                case "SSLROOTCERT":
                    draft.SslRootCert = Path.GetFullPath(String(value, "sslRootCert"), Path.GetDirectoryName(file)!);
                    break;
                case "ALLOWWRITES":
                    draft.AllowWrites = value.ValueKind switch
                    {
                        JsonValueKind.True => true,
                        JsonValueKind.False => false,
                        _ => throw Bad("allowWrites", "must be true or false"),
                    };
                    break;
                case "CONNECTTIMEOUT":
                    draft.ConnectTimeout = DurationParser.Parse(String(value, "connectTimeout"), $"{file}: connectTimeout");
                    break;
                case "PASSWORD":
                    throw new BadInputException(
                        $"{file} has a \"password\" field, and passwords are never read from config files; remove it and set {PasswordResolver.PasswordVariable} or PGPASSWORD, or use a PGPASSFILE.");
                case "$SCHEMA":
                    break;
                default:
                    throw new BadInputException(
                        $"{file}: unknown field \"{property.Name}\"; known fields are primary, replicas, database, user, sslMode, sslRootCert, allowWrites, connectTimeout.");
            }
        }

        private (string Host, int Port) Address(JsonElement value, string field)
        {
            if (value.ValueKind == JsonValueKind.String)
            {
                return EndpointAddress.Parse(value.GetString()!, $"{file}: {field}");
            }

            if (value.ValueKind != JsonValueKind.Object)
            {
                throw Bad(field, "must be an object like { \"host\": \"...\", \"port\": 5432 } or a \"host:port\" string");
            }

            string? host = null;
            var port = ExternalEndpoint.DefaultPort;
            foreach (var p in value.EnumerateObject())
            {
                switch (p.Name.ToUpperInvariant())
                {
                    case "HOST":
                        host = String(p.Value, $"{field}.host");
                        break;
                    case "PORT":
                        port = p.Value.ValueKind == JsonValueKind.Number && p.Value.TryGetInt32(out var number)
                            ? EndpointAddress.CheckPort(number, $"{file}: {field}.port")
                            : throw Bad($"{field}.port", "must be a whole number from 1 to 65535");
                        break;
                    case "NAME" when field.StartsWith("replicas", StringComparison.Ordinal):
                        break;
                    default:
                        throw Bad($"{field}.{p.Name}", "is not a known field (host, port" + (field.StartsWith("replicas", StringComparison.Ordinal) ? ", name)" : ")"));
                }
            }

            return host is null ? throw Missing($"{field}.host") : (host, port);
        }

        private List<ExternalEndpoint> Replicas(JsonElement value)
        {
            if (value.ValueKind != JsonValueKind.Array)
            {
                throw Bad("replicas", "must be an array of replica endpoints (it may be empty)");
            }

            var replicas = new List<ExternalEndpoint>();
            foreach (var item in value.EnumerateArray())
            {
                var field = $"replicas[{replicas.Count}]";
                var defaultName = ExternalConfigDraft.DefaultReplicaName(replicas.Count + 1);
                if (item.ValueKind == JsonValueKind.String)
                {
                    var text = item.GetString()!;
                    var eq = text.IndexOf('=', StringComparison.Ordinal);
                    var (h, p) = EndpointAddress.Parse(eq < 0 ? text : text[(eq + 1)..], $"{file}: {field}");
                    replicas.Add(new ExternalEndpoint(eq < 0 ? defaultName : text[..eq].Trim(), h, p));
                    continue;
                }

                var (host, port) = Address(item, field);
                var name = item.EnumerateObject().FirstOrDefault(f => string.Equals(f.Name, "name", StringComparison.OrdinalIgnoreCase)) is { Value.ValueKind: not JsonValueKind.Undefined } named
                    ? String(named.Value, $"{field}.name")
                    : defaultName;
                replicas.Add(new ExternalEndpoint(name, host, port));
            }

            return replicas;
        }

        private string String(JsonElement value, string field) =>
            value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString())
                ? value.GetString()!.Trim()
                : throw Bad(field, "must be a non-empty string");

        private BadInputException Bad(string field, string problem) => new($"{file}: \"{field}\" {problem}.");

        private BadInputException Missing(string field) => new($"{file}: \"{field}\" is missing; add it (see docs/external.md for the file's shape).");
    }
}
