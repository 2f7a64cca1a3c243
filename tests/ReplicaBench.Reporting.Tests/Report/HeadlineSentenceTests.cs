using ReplicaBench.Reporting.Inputs;
using ReplicaBench.Reporting.Report;
using ReplicaBench.Results;

namespace ReplicaBench.Reporting.Tests.Report;

/// <summary>The report's first sentence, from fixture numbers whose answer is worked out by hand.</summary>
public sealed class HeadlineSentenceTests
{
    [Fact]
    public void The_best_cell_against_primary_only_reads_as_the_issue_asks()
    {
        // Baseline 1,000 reads/s at p99 1.2 ms; read-your-writes on 2 replicas 1,900 reads/s (1.9×) at p99 1.5 ms (+0.3 ms), no stale read.
        // A 0-replica round-robin cell and a 2-replica primary-only one (noisy 2,500/s and 2,400/s) read no replica: passed over.
        CellResults[] cells =
        [
            Cell("r0-primary-only", 0, "primary-only", reads: 1000, p99: 1.2, stale: null),
            Cell("r0-round-robin", 0, "round-robin", reads: 2500, p99: 1.1, stale: 0),
            Cell("r2-primary-only", 2, "primary-only", reads: 2400, p99: 1.0, stale: 0),
            Cell("r2-round-robin", 2, "round-robin", reads: 1700, p99: 1.4, stale: 12),
            Cell("r2-read-your-writes", 2, "read-your-writes", reads: 1900, p99: 1.5, stale: 0),
        ];

        Assert.Equal("2 replicas with read-your-writes: 1.9× the reads of primary-only at p99 +0.3 ms, 0 stale reads.", HeadlineSentence.For(cells));
    }

    [Fact]
    public void The_fixture_run_names_its_best_cell_with_its_stale_reads()
    {
        // run-full: r2-round-robin reads 3,060.9/s vs primary-only's 1,881.1/s = 1.627×; p99 1.5 vs 1.9 ms; 320 stale reads at rate 0.0209.
        var folder = RunFolderReader.Read(TempRunFolder.FixturePath("run-full"));
        var best = folder.Cells.Single(c => c.Id == "r2-round-robin");

        Assert.Equal(
            $"2 replicas with round-robin: 1.6× the reads of primary-only at p99 −0.4 ms, 320 stale reads ({Format.Percent(best.StaleReadRate!.Value)} of reads checked).",
            HeadlineSentence.For(folder.Cells));
    }

    [Fact]
    public void The_sentence_opens_the_HTML_and_the_Markdown()
    {
        using var run = TempRunFolder.CopyOf("run-full");

        var output = ReportWriter.Write(RunFolderReader.Read(run.Path));

        var sentence = HeadlineSentence.For(RunFolderReader.Read(run.Path).Cells)!;
        var html = File.ReadAllText(output.IndexHtml);
        Assert.True(html.IndexOf("<p class=\"headline\">" + System.Net.WebUtility.HtmlEncode(sentence), StringComparison.Ordinal) < html.IndexOf("class=\"verdict\"", StringComparison.Ordinal));
        Assert.Contains("<p class=\"headline\">", html, StringComparison.Ordinal);
        Assert.StartsWith($"# ReplicaBench report: run 20261127-130501\n\n**{sentence}**\n", File.ReadAllText(output.SummaryMarkdown), StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_of_one_cell_has_no_headline()
    {
        Assert.Null(HeadlineSentence.For([Cell("r0-primary-only", 0, "primary-only", reads: 1000, p99: 1.2, stale: null)]));
    }

    private static CellResults Cell(string id, int replicas, string policy, double reads, double p99, long? stale) => new()
    {
        Id = id,
        Replicas = replicas,
        Policy = policy,
        Throughput = reads * 1.1,
        ReadThroughput = reads,
        LatencyMs = new LatencyPercentiles { P99 = p99 },
        StaleReads = stale,
    };
}
