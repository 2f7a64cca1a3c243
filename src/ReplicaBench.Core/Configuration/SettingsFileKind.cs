namespace ReplicaBench.Configuration;

/// <summary>What a settings file is, in the words its messages use.</summary>
/// <param name="Flag">The flag that names the file, e.g. <c>--config</c>.</param>
/// <param name="Contents">What the file holds, e.g. <c>the external endpoints' JSON file</c>.</param>
/// <param name="Shape">What its root must be, e.g. <c>one JSON object with "primary", "database" and "user"</c>.</param>
/// <param name="Docs">Where its shape is documented, e.g. <c>docs/external.md</c>.</param>
public sealed record SettingsFileKind(string Flag, string Contents, string Shape, string Docs);
