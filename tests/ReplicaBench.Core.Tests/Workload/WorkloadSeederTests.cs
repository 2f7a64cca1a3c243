using ReplicaBench.Workload;

namespace ReplicaBench.Tests.Workload;

public sealed class WorkloadSeederTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(-100)]
    [InlineData(WorkloadSeeder.MaxRows + 1)]
    [InlineData(long.MaxValue)]
    public void A_row_count_that_is_zero_negative_or_absurd_is_bad_input_naming_the_range(long rows)
    {
        var ex = Assert.Throws<BadInputException>(() => WorkloadSeeder.ValidateRowCount(rows));

        Assert.Contains(rows.ToString(System.Globalization.CultureInfo.InvariantCulture), ex.Message, StringComparison.Ordinal);
        Assert.Contains("from 1 to 100,000,000", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(100_000)]
    [InlineData(WorkloadSeeder.MaxRows)]
    public void Sensible_row_counts_are_accepted(long rows)
    {
        WorkloadSeeder.ValidateRowCount(rows);
    }

    [Fact]
    public void Payloads_are_full_width_and_start_with_the_key()
    {
        var payload = new char[WorkloadSchema.PayloadLength];

        WorkloadSeeder.FormatPayload(InsertKeyRange.FirstKey + 7, payload);

        Assert.StartsWith("00000001099511627783", new string(payload), StringComparison.Ordinal);
        Assert.All(payload, c => Assert.True(char.IsAsciiLetterOrDigit(c)));
    }

    [Fact]
    public void Seeded_keys_stay_below_the_first_inserted_key()
    {
        Assert.True(WorkloadSeeder.MaxRows < InsertKeyRange.FirstKey);
        Assert.False(InsertKeyRange.IsInsertedKey(WorkloadSeeder.MaxRows));
        Assert.True(InsertKeyRange.IsInsertedKey(InsertKeyRange.FirstKey));
    }
}
