using ReplicaBench.Reporting.Report;
using ReplicaBench.Results;

namespace ReplicaBench.Reporting.Tests.Report;

/// <summary>The report's sentence for seconds in which no operation succeeded, from a cell whose stalls are set here.</summary>
public sealed class StallSentenceTests
{
    [Fact]
    public void A_cell_with_stalled_seconds_gets_one_sentence_naming_each_second_at_the_top_of_the_report()
    {
        var cell = new CellResults { Id = "r2-round-robin", StalledSeconds = [4.0, 5.0] };

        Assert.Equal(
            "2 seconds with no completed operation (t=3–4 s, t=4–5 s): a stall its latency percentiles do not show; see its time series and errors.",
            StallSentence.For(cell));
        Assert.Equal(["r2-round-robin: " + StallSentence.For(cell)], CellWarnings.Lines([cell]));
    }

    [Fact]
    public void A_cell_that_never_stalled_gets_no_sentence()
    {
        var cell = new CellResults { Id = "r0-primary-only" };

        Assert.Null(StallSentence.For(cell));
        Assert.Empty(CellWarnings.Lines([cell]));
    }
}
