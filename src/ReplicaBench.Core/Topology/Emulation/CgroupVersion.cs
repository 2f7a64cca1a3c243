using System.Text.Json.Serialization;

namespace ReplicaBench.Topology.Emulation;

/// <summary>Which cgroup interface holds a node's group. Serialized as <c>v1</c> / <c>v2</c>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CgroupVersion>))]
public enum CgroupVersion
{
    /// <summary>One hierarchy per controller (<c>/sys/fs/cgroup/cpu</c>, <c>cpuacct</c>, <c>memory</c>): a node has a group in each.</summary>
    [JsonStringEnumMemberName("v1")]
    V1,

    /// <summary>The unified hierarchy: one group per node, with <c>cpu.max</c>, <c>memory.max</c> and <c>cpu.stat</c>.</summary>
    [JsonStringEnumMemberName("v2")]
    V2,
}
