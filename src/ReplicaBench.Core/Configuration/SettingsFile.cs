using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;

namespace ReplicaBench.Configuration;

/// <summary>
/// A JSON settings file as a configuration source: the library's JSON provider (comments and
/// trailing commas allowed, keys case-insensitive), with the suite's messages for a file that cannot
/// be read or parsed, and each field named <c>FILE: field</c> in messages. <c>$schema</c> (an
/// editor's pointer to the file's JSON schema) is not a setting and is dropped.
/// </summary>
public sealed class SettingsFile : JsonConfigurationProvider, IConfigurationSource, ISettingSource
{
    private readonly string _givenPath;
    private readonly SettingsFileKind _kind;

    /// <param name="path">The path as the user gave it (relative to the current directory).</param>
    /// <param name="kind">What the file is, for messages.</param>
    public SettingsFile(string path, SettingsFileKind kind)
        : base(new JsonConfigurationSource { Path = Path.GetFullPath(path), Optional = false })
    {
        _givenPath = path;
        _kind = kind;
        FullPath = Path.GetFullPath(path);
    }

    /// <summary>The file's full path; relative paths inside it are relative to its folder.</summary>
    public string FullPath { get; }

    public IConfigurationProvider Build(IConfigurationBuilder builder) => this;

    /// <summary>Reads the file itself rather than through a file provider, so every failure gets its one-line message.</summary>
    public override void Load()
    {
        try
        {
            using var stream = File.OpenRead(FullPath);
            Load(stream);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new BadInputException($"{_kind.Flag} {_givenPath} cannot be read ({ex.Message.TrimEnd('.')}); give the path of {_kind.Contents}.", ex);
        }
        catch (FormatException ex) when (ex.InnerException is JsonException json)
        {
            throw new BadInputException($"{FullPath} is not valid JSON (line {json.LineNumber + 1}): fix the file; see {_kind.Docs} for its shape.", ex);
        }
        catch (FormatException ex) when (ex.Message.StartsWith("Top-level", StringComparison.Ordinal))
        {
            throw new BadInputException($"{FullPath} must hold {_kind.Shape}; see {_kind.Docs}.", ex);
        }
        catch (FormatException ex)
        {
            // A duplicate key, or a token JSON configuration cannot hold.
            throw new BadInputException($"{FullPath}: {ex.Message.TrimEnd('.')}; fix the file; see {_kind.Docs} for its shape.", ex);
        }

        Data.Remove("$schema");
    }

    public SettingName NameOf(string path)
    {
        var field = SettingName.FieldOf(path);
        return new SettingName($"{FullPath}: {field}", FullPath, field);
    }
}
