using System.Globalization;

namespace ReplicaBench.Workload.Scripts;

/// <summary>
/// Reads pgbench custom scripts (<c>pgbench -f FILE[@WEIGHT]</c>): SQL statements with <c>:variables</c> and the
/// meta-commands <c>\set</c>, <c>\sleep</c>, <c>\if</c>/<c>\elif</c>/<c>\else</c>/<c>\endif</c> and <c>\gset</c>, with
/// pgbench 15's syntax. Every mistake is one <see cref="BadInputException"/> line starting <c>source:LINE:</c>.
/// </summary>
/// <remarks>
/// Refused rather than half-supported: <c>\shell</c>, <c>\setshell</c>, <c>\aset</c> and the pipeline commands, psql's
/// <c>:'quoted'</c> variables and hand-written <c>$1</c> parameters — each would change what the benchmark measures.
/// </remarks>
public static class PgbenchScriptParser
{
    private const string Supported = "supported: \\set, \\sleep, \\if, \\elif, \\else, \\endif, \\gset";

    /// <summary>
    /// Parses a script's <paramref name="text"/>. <paramref name="name"/> is what results call it;
    /// <paramref name="source"/> (usually the path) starts every error message.
    /// </summary>
    public static PgbenchScript Parse(string text, string name, string source, int weight = 1)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(source);
        ArgumentOutOfRangeException.ThrowIfLessThan(weight, 1);

        var scanner = new ScriptScanner(text, source);
        var flow = new ControlFlowBuilder(source);

        // The statement a \gset may attach to: only one directly before it, as in pgbench.
        int? previousSql = null;
        foreach (var piece in scanner.Pieces())
        {
            if (!piece.IsMeta)
            {
                previousSql = flow.Add(new SqlInstruction(piece.Line, piece.Text, piece.ParameterizedText, piece.Parameters, null));
                continue;
            }

            var meta = new MetaCommandLine(piece.Text);
            var position = new ScriptPosition(source, piece.Line);
            if (meta.Name.Equals("gset", StringComparison.OrdinalIgnoreCase))
            {
                AttachGset(flow, previousSql, meta, position);
            }
            else
            {
                AddMetaCommand(flow, meta, position);
            }

            previousSql = null;
        }

        flow.Finish();
        return flow.Instructions.Count == 0
            ? throw new BadInputException($"{source}: the script has no commands; write at least one SQL statement or meta-command.")
            : new PgbenchScript(name, source, weight, [.. flow.Instructions], scanner.AccessOverride);
    }

    /// <summary>
    /// Reads <c>FILE</c> or <c>FILE@WEIGHT</c> (WEIGHT a positive whole number, default 1) and parses the file;
    /// the script's name is the file name without its extension.
    /// </summary>
    public static PgbenchScript Load(string fileWithOptionalWeight)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fileWithOptionalWeight);
        var (path, weight) = SplitWeight(fileWithOptionalWeight);
        if (!File.Exists(path))
        {
            throw new BadInputException(
                $"script '{path}' does not exist; give the path of a pgbench script file (relative to the current directory), optionally with @WEIGHT, e.g. select.sql@2.");
        }

        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new BadInputException($"script '{path}' cannot be read: {ex.Message.ReplaceLineEndings(" ")}", ex);
        }

        return Parse(text, Path.GetFileNameWithoutExtension(path), path, weight);
    }

    private static (string Path, int Weight) SplitWeight(string argument)
    {
        // pgbench splits at the last @; a file whose own name has an @ is still found when given without a weight.
        var at = argument.LastIndexOf('@');
        if (at < 0 || File.Exists(argument))
        {
            return (argument, 1);
        }

        var (path, weightText) = (argument[..at], argument[(at + 1)..]);
        if (!int.TryParse(weightText, NumberStyles.None, CultureInfo.InvariantCulture, out var weight) || weight < 1)
        {
            throw new BadInputException(
                $"script '{argument}': the weight '{weightText}' is not a positive whole number; write FILE@WEIGHT with a weight of 1 or more, e.g. {path}@1.");
        }

        return (path, weight);
    }

    private static void AttachGset(ControlFlowBuilder flow, int? previousSql, MetaCommandLine meta, ScriptPosition position)
    {
        if (previousSql is not { } index)
        {
            throw position.BadInput("\\gset must follow an SQL command; put it right after the query whose single row it stores");
        }

        if (meta.ArgumentCount > 1)
        {
            throw position.BadInput("too many arguments in \\gset; write \\gset [PREFIX]");
        }

        var prefix = meta.ArgumentCount == 1 ? meta.Argument(0) : "";
        if (!prefix.All(ExpressionLexer.IsNameChar) || (prefix.Length > 0 && char.IsAsciiDigit(prefix[0])))
        {
            throw position.BadInput($"invalid \\gset prefix \"{prefix}\"; use letters, digits and underscores, not starting with a digit");
        }

        flow.Replace(index, ((SqlInstruction)flow.Instructions[index]) with { GsetPrefix = prefix });
    }

    private static void AddMetaCommand(ControlFlowBuilder flow, MetaCommandLine meta, ScriptPosition position)
    {
        var command = meta.Name.ToLowerInvariant();
        switch (command)
        {
            case "set":
                var variable = meta.ArgumentCount > 0 ? meta.Argument(0) : "";
                var expression = meta.RestAfter(2);
                if (expression.Length == 0)
                {
                    throw position.BadInput("missing argument in \\set; write \\set NAME EXPRESSION");
                }

                if (!IsValidVariableName(variable))
                {
                    throw position.BadInput($"invalid variable name \"{variable}\" in \\set; use letters, digits and underscores, not starting with a digit");
                }

                flow.Add(new SetInstruction(position.Line, variable, ScriptExpressionParser.Parse(expression, "\\set", position)));
                break;
            case "sleep":
                flow.Add(ParseSleep(meta, position));
                break;
            case "if":
            case "elif":
                var condition = meta.RestAfter(1);
                if (condition.Length == 0)
                {
                    throw position.BadInput($"missing argument in \\{command}; write \\{command} EXPRESSION");
                }

                var parsed = ScriptExpressionParser.Parse(condition, $"\\{command}", position);
                if (command == "if")
                {
                    flow.If(position.Line, parsed);
                }
                else
                {
                    flow.Elif(position.Line, parsed);
                }

                break;
            case "else":
            case "endif":
                if (meta.ArgumentCount > 0)
                {
                    throw position.BadInput($"unexpected argument in \\{command}: \"{meta.RestAfter(1)}\"; \\{command} takes none");
                }

                if (command == "else")
                {
                    flow.Else(position.Line);
                }
                else
                {
                    flow.EndIf(position.Line);
                }

                break;
            default:
                throw position.BadInput($"unknown meta-command \\{meta.Name}; {Supported}");
        }
    }

    // \sleep N [us|ms|s], N an integer or :variable; like pgbench, "10ms" (no space) is accepted too.
    private static SleepInstruction ParseSleep(MetaCommandLine meta, ScriptPosition position)
    {
        const string Usage = "write \\sleep N [us|ms|s] with N an integer or a :variable";
        if (meta.ArgumentCount is < 1 or > 2)
        {
            throw position.BadInput($"{(meta.ArgumentCount < 1 ? "missing argument" : "too many arguments")} in \\sleep; {Usage}");
        }

        var amount = meta.Argument(0);
        var unit = meta.ArgumentCount == 2 ? meta.Argument(1) : "s";
        string? variable = null;
        long? value = null;
        if (amount.StartsWith(':'))
        {
            variable = amount[1..];
            if (!IsValidVariableName(variable))
            {
                throw position.BadInput($"invalid variable name \"{variable}\" in \\sleep; {Usage}");
            }
        }
        else
        {
            var digitsEnd = amount.Length > 0 && (amount[0] is '+' or '-') ? 1 : 0;
            var signLength = digitsEnd;
            while (digitsEnd < amount.Length && char.IsAsciiDigit(amount[digitsEnd]))
            {
                digitsEnd++;
            }

            var hasDigits = digitsEnd > signLength;
            if (digitsEnd < amount.Length && hasDigits && meta.ArgumentCount == 1)
            {
                unit = amount[digitsEnd..];
            }
            else if (digitsEnd < amount.Length || !hasDigits)
            {
                throw position.BadInput($"invalid sleep time \"{amount}\", must be an integer; {Usage}");
            }

            value = long.TryParse(amount[..digitsEnd], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed)
                ? parsed
                : throw position.BadInput($"invalid sleep time \"{amount}\", out of range; {Usage}");
        }

        long microsecondsPerUnit = unit.ToLowerInvariant() switch
        {
            "us" => 1,
            "ms" => 1_000,
            "s" => 1_000_000,
            _ => throw position.BadInput($"unrecognized time unit \"{unit}\" in \\sleep, must be us, ms or s"),
        };
        return new SleepInstruction(position.Line, value, variable, microsecondsPerUnit);
    }

    // pgbench's valid_variable_name: letters, digits, underscores and non-ASCII characters, not starting with a digit.
    private static bool IsValidVariableName(string name) =>
        name.Length > 0 && ExpressionLexer.IsNameStart(name[0]) && name.All(ExpressionLexer.IsNameChar);
}
