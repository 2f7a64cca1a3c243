namespace ReplicaBench.Results.Tests;

/// <summary>The one atomic writer: a failed write keeps the previous file and leaves no temporary one.</summary>
public sealed class AtomicFileTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("replicabench-atomic-");

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public void A_write_that_fails_with_no_space_left_keeps_the_previous_file_and_says_the_disk_is_full()
    {
        var path = Path.Combine(_directory.FullName, "results.json");
        AtomicFile.WriteAllText(path, "previous");

        var error = Assert.Throws<OutputFileException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write("half a docu"u8);
            throw new IOException("No space left on device : '" + path + ".tmp'", 28);
        }));

        Assert.True(error.DiskFull);
        Assert.Equal(path, error.FilePath);
        Assert.Equal($"cannot write '{path}': the disk is full; free space on it or choose another --out.", error.Message);
        Assert.Equal("previous", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(_directory.FullName));
    }

    [Fact]
    public void Another_failure_names_the_file_and_its_cause_on_one_line()
    {
        var path = Path.Combine(_directory.FullName, "missing", "index.html");

        var error = Assert.Throws<OutputFileException>(() => AtomicFile.WriteAllText(path, "x"));

        Assert.False(error.DiskFull);
        Assert.StartsWith($"cannot write '{path}' (", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void A_successful_write_replaces_the_file_and_leaves_no_temporary_one()
    {
        var path = Path.Combine(_directory.FullName, "summary.md");
        AtomicFile.WriteAllText(path, "one");
        AtomicFile.WriteAllBytes(path, "two"u8.ToArray());

        Assert.Equal("two", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(_directory.FullName));
    }
}
