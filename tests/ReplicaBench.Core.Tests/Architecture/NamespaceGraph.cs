using System.Text.RegularExpressions;

namespace ReplicaBench.Tests.Architecture;

/// <summary>
/// The dependencies between the parts of the code (<c>ReplicaBench.&lt;Part&gt;</c>), read from the
/// source as the compiler would see them: every <c>using</c> (global and static ones too) and every
/// fully qualified name. Reading the source, not the assemblies, is what sees parts of one assembly.
/// </summary>
internal static partial class NamespaceGraph
{
    private static readonly string[] Folders = ["src", "tools", "bench", "loadtests"];

    /// <summary>Part → the parts it names, for every C# file under the repository's code folders.</summary>
    public static IReadOnlyDictionary<string, SortedSet<string>> Read(string repository)
    {
        var graph = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var folder in Folders)
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(repository, folder), "*.cs", SearchOption.AllDirectories))
            {
                if (file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                    || file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                {
                    continue;
                }

                var text = File.ReadAllText(file);
                if (FileNamespace().Match(text) is not { Success: true } own)
                {
                    continue;
                }

                var part = own.Groups[1].Value;
                if (!graph.TryGetValue(part, out var uses))
                {
                    graph[part] = uses = new SortedSet<string>(StringComparer.Ordinal);
                }

                foreach (Match reference in PartReference().Matches(text))
                {
                    if (reference.Groups[1].Value != part)
                    {
                        uses.Add(reference.Groups[1].Value);
                    }
                }
            }
        }

        return graph;
    }

    /// <summary>A cycle as "A -> B -> A", or null when the graph has none.</summary>
    public static string? FindCycle(IReadOnlyDictionary<string, SortedSet<string>> graph)
    {
        var state = new Dictionary<string, int>(StringComparer.Ordinal);
        var path = new List<string>();
        foreach (var start in graph.Keys)
        {
            if (Visit(start) is { } cycle)
            {
                return cycle;
            }
        }

        return null;

        string? Visit(string node)
        {
            if (state.GetValueOrDefault(node) == 2)
            {
                return null;
            }

            if (state.GetValueOrDefault(node) == 1)
            {
                return string.Join(" -> ", path.SkipWhile(p => p != node).Append(node));
            }

            state[node] = 1;
            path.Add(node);
            foreach (var next in graph.GetValueOrDefault(node) ?? [])
            {
                if (Visit(next) is { } cycle)
                {
                    return cycle;
                }
            }

            path.RemoveAt(path.Count - 1);
            state[node] = 2;
            return null;
        }
    }

    // The part of a file is the segment after "ReplicaBench." in its file-scoped namespace.
    [GeneratedRegex(@"^namespace ReplicaBench\.([A-Z]\w*)", RegexOptions.Multiline)]
    private static partial Regex FileNamespace();

    // A part is named by "ReplicaBench.<Part>" anywhere: using, global using, using static, a
    // qualified name, a cref. Parts start with a capital, so "ReplicaBench.sln" is not one.
    [GeneratedRegex(@"\bReplicaBench\.([A-Z]\w*)")]
    private static partial Regex PartReference();
}
