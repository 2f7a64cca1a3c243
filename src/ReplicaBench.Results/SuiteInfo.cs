using System.ComponentModel;

namespace ReplicaBench.Results;

/// <summary>The ReplicaBench build that made a run.</summary>
public sealed record SuiteInfo(
    [property: Description("ReplicaBench version.")] string? Version,
    [property: Description("Source commit of the build, or 'unknown'.")] string? Commit);
