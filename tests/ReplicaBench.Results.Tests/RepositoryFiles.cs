namespace ReplicaBench.Results.Tests;

/// <summary>Finds files of the repository from the test's output folder (the folder that holds ReplicaBench.sln).</summary>
internal static class RepositoryFiles
{
    public static string Path(string relative)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(System.IO.Path.Combine(directory.FullName, "ReplicaBench.sln")))
        {
            directory = directory.Parent;
        }

        Assert.True(directory is not null, "ReplicaBench.sln not found above " + AppContext.BaseDirectory);
        return System.IO.Path.Combine(directory.FullName, relative);
    }

    public static string Golden(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "Golden", name);
}
