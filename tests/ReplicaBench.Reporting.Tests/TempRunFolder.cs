using System.Text.Json.Nodes;

namespace ReplicaBench.Reporting.Tests;

/// <summary>A throwaway copy of a fixture run folder, so tests can write reports and edit results freely.</summary>
internal sealed class TempRunFolder : IDisposable
{
    private TempRunFolder(string path) => Path = path;

    public string Path { get; }

    public string ResultsFile => System.IO.Path.Combine(Path, "results.json");

    public static string FixturePath(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    public static TempRunFolder Empty()
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "replicabench-reporting-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return new TempRunFolder(path);
    }

    public static TempRunFolder CopyOf(string fixture)
    {
        var folder = Empty();
        var source = FixturePath(fixture);
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = System.IO.Path.Combine(folder.Path, System.IO.Path.GetRelativePath(source, file));
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return folder;
    }

    /// <summary>Edits results.json as a JSON tree (e.g. double every p99) and writes it back.</summary>
    public void EditResults(Action<JsonObject> edit)
    {
        var root = JsonNode.Parse(File.ReadAllText(ResultsFile))!.AsObject();
        edit(root);
        File.WriteAllText(ResultsFile, root.ToJsonString());
    }

    /// <summary>
    /// A copy of <paramref name="fixture"/> as run <paramref name="id"/> with only the cells whose
    /// replica count <paramref name="keep"/> accepts: one of several runs split from one, as a
    /// capacity review has one run per replica count.
    /// </summary>
    public static TempRunFolder PartOf(string fixture, Func<int, bool> keep, string id)
    {
        var run = CopyOf(fixture);
        run.EditResults(root =>
        {
            root["run"]!["id"] = id;
            var cells = root["cells"]!.AsArray();
            foreach (var cell in cells.Where(c => !keep(c!["replicas"]!.GetValue<int>())).ToArray())
            {
                cells.Remove(cell);
            }
        });
        return run;
    }

    public void DeleteMicro() => Directory.Delete(System.IO.Path.Combine(Path, "micro"), recursive: true);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
