using Microsoft.Extensions.Time.Testing;
using ReplicaBench.Cli.Load;

namespace ReplicaBench.Cli.Tests.Load;

public sealed class PlainMatrixProgressTests
{
    [Fact]
    public void Every_plain_line_starts_with_the_utc_time_it_was_written()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 6, 10, 17, 23, 400, TimeSpan.Zero));
        using var output = new StringWriter();
        var progress = new PlainMatrixProgress(output, clock);

        progress.Step("seeding 1000 rows on primary");
        clock.Advance(TimeSpan.FromSeconds(2));
        progress.CellStarted("r2-round-robin", 0, 2, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3));

        Assert.Equal(
            ["10:17:23Z load: seeding 1000 rows on primary", "10:17:25Z load: cell 1/2 r2-round-robin: warm-up 1s, measure 3s"],
            output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
    }
}
