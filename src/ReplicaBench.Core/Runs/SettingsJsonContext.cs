using System.Text.Json.Serialization;

namespace ReplicaBench.Runs;

/// <summary>
/// Source-generated serialisation of the free-form <c>settings</c> dictionary into the JSON elements the results contract keeps (strings, numbers,
/// string and number lists, null), so results.json needs no reflection.
/// </summary>
[JsonSerializable(typeof(IReadOnlyDictionary<string, object?>))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(double))]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(int[]))]
internal sealed partial class SettingsJsonContext : JsonSerializerContext;
