using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;

namespace ReplicaBench.Configuration;

/// <summary>
/// Turns the configuration binder's two kinds of failure into the suite's one line that names the
/// setting as the user wrote it, the bad value and the fix: a value of the wrong type, and (with
/// <see cref="BinderOptions.ErrorOnUnknownConfiguration"/>) a key no option has. The binder states
/// both only in its message, so that message is read here; a test per form keeps the reading honest
/// across package updates.
/// </summary>
internal static partial class BindingErrors
{
    [GeneratedRegex("^Failed to convert configuration value '.*' at '(?<path>[^']*)' to type", RegexOptions.Singleline)]
    private static partial Regex ConversionFailure();

    [GeneratedRegex("not found on the instance of (?<type>[^:]+): '(?<key>[^']*)'")]
    private static partial Regex UnknownKey();

    /// <summary>The one-line form of <paramref name="failure"/>, or null when it is not a binding mistake of the user's.</summary>
    public static BadInputException? Translate(Type root, InvalidOperationException failure, IConfigurationRoot configuration)
    {
        var names = new SettingNames(configuration);

        // A failure inside a collection comes wrapped in a second "binding has failed" exception.
        foreach (var exception in Chain(failure))
        {
            if (exception is InvalidOperationException && ConversionFailure().Match(exception.Message) is { Success: true } conversion)
            {
                return WrongValue(root, AsWritten(configuration, conversion.Groups["path"].Value), exception, configuration, names);
            }

            if (exception is InvalidOperationException && UnknownKey().Match(exception.Message) is { Success: true } unknown)
            {
                return Unknown(root, unknown.Groups["type"].Value, unknown.Groups["key"].Value, configuration, names);
            }
        }

        return null;
    }

    private static BadInputException WrongValue(Type root, string path, Exception exception, IConfigurationRoot configuration, SettingNames names)
    {
        var name = names.Of(path);
        if (Chain(exception).OfType<SettingFormatException>().FirstOrDefault() is { } form)
        {
            return new BadInputException($"{name}: {form.Message}", exception);
        }

        var expected = SettingTypes.At(root, path) is { } type ? SettingTypes.Describe(type) : "a valid value";
        return name.IsFileField
            ? new BadInputException($"{name.File}: \"{name.Field}\" must be {expected}.", exception)
            : new BadInputException($"{name}: '{configuration[path]}' is not {expected}; write {expected}.", exception);
    }

    private static BadInputException Unknown(Type root, string typeName, string key, IConfigurationRoot configuration, SettingNames names)
    {
        // The binder names the key but not where it is: the first path ending in it, at the top when
        // the type is the root (the binder checks the top level before it descends).
        var path = typeName == root.FullName
            ? key
            : configuration.AsEnumerable().Select(pair => pair.Key).Where(p => p.Contains(':', StringComparison.Ordinal))
                .FirstOrDefault(p => string.Equals(ConfigurationPath.GetSectionKey(p), key, StringComparison.OrdinalIgnoreCase)) ?? key;
        var owner = ConfigurationPath.GetParentPath(path) is { } parent ? SettingTypes.At(root, parent) : root;
        var known = string.Join(", ", SettingTypes.Keys(owner ?? root));
        var name = names.Of(path);
        return name.IsFileField
            ? new BadInputException($"{name.File}: unknown field \"{name.Field}\"; known fields are {known}.")
            : new BadInputException($"{name} is not a known setting; known settings are {known}.");
    }

    /// <summary>The binder's path spells keys as its properties do (<c>Primary:Port</c>); messages use the user's spelling.</summary>
    private static string AsWritten(IConfiguration configuration, string path)
    {
        var keys = new List<string>();
        foreach (var segment in path.Split(':'))
        {
            var child = configuration.GetChildren().FirstOrDefault(c => string.Equals(c.Key, segment, StringComparison.OrdinalIgnoreCase));
            if (child is null)
            {
                return path;
            }

            keys.Add(child.Key);
            configuration = child;
        }

        return string.Join(':', keys);
    }

    private static IEnumerable<Exception> Chain(Exception exception)
    {
        for (var e = (Exception?)exception; e is not null; e = e.InnerException)
        {
            yield return e;
        }
    }
}
