using System.CommandLine;
using ReplicaBench.Reporting.Inputs;
using ReplicaBench.Reporting.Report;

namespace ReplicaBench.Cli.Commands;

/// <summary><c>replicabench report DIR</c>: renders a run folder's results into DIR/report/.</summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var directory = new Argument<string>("DIR")
        {
            Description = "The run folder: holds results.json (load runs) and/or micro/results/*-report-full.json (BenchmarkDotNet).",
        };
        var output = new Option<string?>("--out")
        {
            Description = "Write the report here instead of DIR/report/.",
        };
        var command = new Command(
            "report",
            "Render a run's results as a self-contained index.html, a Markdown summary.md for pull requests, and every chart as PNG and SVG (in DIR/report/).")
        {
            directory,
            output,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var folder = RunFolderReader.Read(parse.GetRequiredValue(directory));
            var written = ReportWriter.Write(folder, parse.GetValue(output));
            var stdout = parse.InvocationConfiguration.Output;
            foreach (var line in written.Verdict)
            {
                await stdout.WriteLineAsync(line.AsMemory(), cancellationToken);
            }

            await stdout.WriteLineAsync($"{written.ChartFiles.Count / 2} chart(s), summary.md and index.html written to {written.Directory}".AsMemory(), cancellationToken);
            await stdout.WriteLineAsync(written.IndexHtml.AsMemory(), cancellationToken);
            return ExitCodes.Success;
        });
        return command;
    }
}
