using System.Text.Json.Serialization;

namespace ReplicaBench.Runs.Limits;

/// <summary>Source-generated serialisation of the limits run's settings values into results.json's JSON elements.</summary>
[JsonSerializable(typeof(double[]))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(string))]
internal sealed partial class ResultsJsonElements : JsonSerializerContext;
