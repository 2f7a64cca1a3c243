using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace ReplicaBench.Configuration;

/// <summary>
/// Binds options from layered configuration (a file, environment variables, flags: the last source
/// that has a key wins) and validates them, so every front end reads settings the same way. Unknown
/// keys are refused, not ignored: a misspelt <c>allowWrites</c> must not silently mean "no". Every
/// mistake is one <see cref="BadInputException"/> line naming the setting as the user wrote it.
/// </summary>
public static class SettingsBinder
{
    /// <summary>The options in <paramref name="configuration"/>; defaults for what no source gives.</summary>
    public static T Bind<T>(IConfigurationRoot configuration)
        where T : class, new()
    {
        try
        {
            return configuration.Get<T>(binder => binder.ErrorOnUnknownConfiguration = true) ?? new T();
        }
        catch (InvalidOperationException ex) when (BindingErrors.Translate(typeof(T), ex, configuration) is { } badInput)
        {
            throw badInput;
        }
    }

    /// <summary>Throws the first failure of <paramref name="validator"/> as bad input.</summary>
    public static T Validate<T>(T options, IValidateOptions<T> validator)
        where T : class
    {
        var result = validator.Validate(Options.DefaultName, options);
        return result.Failed ? throw new BadInputException(result.Failures.First()) : options;
    }
}
