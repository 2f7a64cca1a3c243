using System.CommandLine;
using Npgsql;
using ReplicaBench.Cli.Commands;
using ReplicaBench.Topology;

namespace ReplicaBench.Cli;

/// <summary>
/// Builds the command tree and runs it with one error policy for every command: bad input is one
/// line on stderr and exit 2, a failure is one line and exit 1, never a stack trace.
/// </summary>
public static class ReplicaBenchCli
{
    public static RootCommand BuildRoot()
    {
        var root = new RootCommand(
            "ReplicaBench: benchmark and load-test PostgreSQL read replicas. " +
            "What do replicas buy you, what do they cost, and how many do you need?");
        root.Subcommands.Add(TopologyCommand.Create());
        root.Subcommands.Add(ProbeCommand.Create());
        root.Subcommands.Add(LagCommand.Create());
        root.Subcommands.Add(LoadCommand.Create());
        root.Subcommands.Add(ReportCommand.Create());
        root.Subcommands.Add(CompareCommand.Create());
        root.Subcommands.Add(PlanCommand.Create());
        root.Subcommands.Add(MergeCommand.Create());
        root.Subcommands.Add(LimitsCommand.Create());
        root.Subcommands.Add(ExternalCommand.Create());
        root.Subcommands.Add(AuthCommand.Create());
        root.Subcommands.Add(K8sCommand.Create());
        return root;
    }

    public static async Task<int> RunAsync(string[] args, TextWriter? stdout = null, TextWriter? stderr = null)
    {
        var output = stdout ?? Console.Out;
        var errors = stderr ?? Console.Error;
        var parse = BuildRoot().Parse(args);
        if (parse.Errors.Count > 0)
        {
            // One line: System.CommandLine's messages may span lines (e.g. the list of allowed values).
            var message = string.Join(' ', parse.Errors[0].Message.Split((char[])['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            var help = string.Join(' ', ["replicabench", .. CommandPath(parse), "--help"]);
            await errors.WriteLineAsync($"replicabench: {message.TrimEnd('.')}; see '{help}'.");
            return ExitCodes.BadInput;
        }

        var configuration = new InvocationConfiguration
        {
            Output = output,
            Error = errors,
            EnableDefaultExceptionHandler = false,
            // Ctrl+C and SIGTERM are Interrupts' alone (see there why).
            ProcessTerminationTimeout = null,
        };
        // Only the real process watches signals; a caller that passes its writers (the tests) runs in-process.
        using var interrupts = stderr is null ? Interrupts.Watch(errors) : null;
        try
        {
            return await parse.InvokeAsync(configuration, interrupts?.Command ?? CancellationToken.None);
        }
        catch (BadInputException ex)
        {
            await errors.WriteLineAsync($"replicabench: {ex.Message}");
            return ExitCodes.BadInput;
        }
        catch (TopologyException ex)
        {
            await errors.WriteLineAsync($"replicabench: {ex.Message}");
            return ExitCodes.Failure;
        }
        catch (NpgsqlException ex)
        {
            // A server error no step anticipated: one line (Npgsql's messages carry no password),
            // exit 2 when it is the user's to fix (credentials, privileges, limits), else 1.
            await errors.WriteLineAsync($"replicabench: database error: {ConnectionErrors.Describe(ex)}");
            return ex is PostgresException { SqlState: var state } && (state.StartsWith("28", StringComparison.Ordinal) || state is "42501" or "3D000" or "53300")
                ? ExitCodes.BadInput
                : ExitCodes.Failure;
        }
        catch (OutputFileException ex)
        {
            // Results and report files are written atomically: the previous good file is still there.
            await errors.WriteLineAsync($"replicabench: {ex.Message}");
            return ExitCodes.Failure;
        }
        catch (IOException ex) when (OutputFileException.IsDiskFull(ex))
        {
            // Any other file (a cell's streamed log): .NET's message names it.
            await errors.WriteLineAsync($"replicabench: the disk is full ({ex.Message.ReplaceLineEndings(" ")}); free space on it or choose another --out.");
            return ExitCodes.Failure;
        }
        catch (OperationCanceledException)
        {
            await errors.WriteLineAsync("replicabench: stopped; everything it started has been stopped and removed.");
            return ExitCodes.Cancelled;
        }
    }

    private static IEnumerable<string> CommandPath(ParseResult parse)
    {
        var names = new Stack<string>();
        for (var result = parse.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
        {
            if (result.Command is not RootCommand)
            {
                names.Push(result.Command.Name);
            }
        }

        return names;
    }
}
