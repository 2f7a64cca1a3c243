using System.Reflection;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Running;

namespace ReplicaBench.Benchmarks;

/// <summary>The benchmark classes in this assembly and the cases a filter selects from them.</summary>
public static class BenchmarkCatalog
{
    public static IReadOnlyList<Type> Types { get; } =
    [
        .. typeof(BenchmarkCatalog).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false, IsPublic: true }
                && t.GetMethods(BindingFlags.Public | BindingFlags.Instance).Any(m => m.GetCustomAttribute<BenchmarkAttribute>() is not null))
            .OrderBy(t => t.FullName, StringComparer.Ordinal),
    ];

    /// <summary>Every case the filters (BenchmarkDotNet glob patterns) select.</summary>
    public static IReadOnlyList<BenchmarkCase> Matching(IReadOnlyList<string> filters, IConfig config)
    {
        var glob = new GlobFilter([.. filters]);
        return [.. Types
            .SelectMany(t => BenchmarkConverter.TypeToBenchmarks(t, config).BenchmarksCases)
            .Where(glob.Predicate)];
    }
}
