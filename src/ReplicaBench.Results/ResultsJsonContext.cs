using System.Text.Json;
using System.Text.Json.Serialization;

namespace ReplicaBench.Results;

/// <summary>
/// The source-generated serializer of results.json: camelCase names, nulls written (an unmeasured
/// figure is an explicit null), two-space indentation. Reading skips comments and refuses trailing
/// commas; numbers are culture-invariant by construction.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    NewLine = "\n",
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = false,
    PropertyNameCaseInsensitive = false)]
[JsonSerializable(typeof(RunResults))]
[JsonSerializable(typeof(RoutingOverheadResults))]
public sealed partial class ResultsJsonContext : JsonSerializerContext;
