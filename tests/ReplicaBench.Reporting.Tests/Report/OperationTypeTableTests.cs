using ReplicaBench.Reporting.Report;
using ReplicaBench.Results;

namespace ReplicaBench.Reporting.Tests.Report;

/// <summary>The "Operations by type" table: one line per operation type of each cell, a script's reads "not checked".</summary>
public sealed class OperationTypeTableTests
{
    [Fact]
    public void Each_operation_type_of_each_cell_is_a_row_and_unchecked_reads_say_so()
    {
        var cell = new CellResults
        {
            Id = "r2-round-robin",
            OperationsByType =
            [
                new() { Operation = "select-only", Count = 32_892, Errors = 0, StaleChecked = 0, LatencyMs = new() { P50 = 0.268, P99 = 1.59, P999 = 3.29 } },
                new() { Operation = "tpcb-like", Count = 3_634, Errors = 2, StaleChecked = 0, LatencyMs = new() { P50 = 4.98, P99 = 17.1, P999 = 25.8 } },
                new() { Operation = "point-read", Count = 100, StaleChecked = 100, StaleReads = 3 },
                new() { Operation = "insert", Count = 0 },
            ],
        };

        var rows = OperationTypeTable.Rows([cell]);

        Assert.Equal(3, rows.Count);
        Assert.Equal(["r2-round-robin", "select-only", "32,892", "0", "0.268", "1.59", "3.29", "not checked"], rows[0]);
        Assert.Equal(["r2-round-robin", "tpcb-like", "3,634", "2", "4.98", "17.1", "25.8", "not checked"], rows[1]);
        Assert.Equal("3", rows[2][^1]);
    }
}
