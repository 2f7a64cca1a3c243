using System.Text.Json.Serialization;

namespace ReplicaBench.Load.Matrix;

/// <summary>
/// Source-generated serialisation for the free-form <c>settings</c> object (strings, numbers,
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
internal sealed partial class ResultsJsonContext : JsonSerializerContext;
