namespace ReplicaBench.Topology.Settings;

/// <summary>
/// topology.json's <c>serverSettings</c>: the settings <c>topology up</c> applied, by role, as given
/// (name lower-cased). Absent when none were given, so such topologies' files read as before.
/// </summary>
/// <param name="Primary">The primary's settings (<c>--primary-setting</c>); null for none.</param>
/// <param name="Replicas">Every replica's settings (<c>--replica-setting</c>); null for none.</param>
public sealed record AppliedServerSettings(
    IReadOnlyDictionary<string, string>? Primary,
    IReadOnlyDictionary<string, string>? Replicas);
