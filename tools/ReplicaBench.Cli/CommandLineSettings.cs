using System.CommandLine;
using ReplicaBench.Configuration;

namespace ReplicaBench.Cli;

/// <summary>
/// The flags the user typed, as the top configuration layer: each under its settings key and named
/// by its flag in messages. A flag left out is left out here too, so a lower layer (a variable, a
/// run file) or the setting's documented default decides. A repeated flag and a comma-separated
/// one are the same list (<see cref="CommaSeparatedList{T}"/>), and either replaces a lower layer's.
/// </summary>
internal static class CommandLineSettings
{
    /// <param name="parse">The parsed command line.</param>
    /// <param name="flags">Each flag and the settings key it sets.</param>
    public static NamedSettings From(ParseResult parse, IEnumerable<(Option Flag, string Key)> flags) => new(
        from flag in flags
        let result = parse.GetResult(flag.Flag)
        where result is { Implicit: false }
        // The tokens as typed; a switch such as --force has none and means true.
        select (flag.Key, flag.Flag.Name, result.Tokens.Count == 0 ? "true" : string.Join(',', result.Tokens.Select(t => t.Value))));
}
