using ReplicaBench.Engine.Execution;
using ReplicaBench.Engine.RunResults;

namespace ReplicaBench.Engine;

/// <summary>
/// Runs a <see cref="LoadScenario"/>: creates its virtual users, applies the load shape for the
/// warm-up and the measured duration, stops gracefully, and returns what was measured.
/// </summary>
/// <remarks>
/// <para>Lifecycle: validate (bad input throws <see cref="BadInputException"/> before anything
/// starts) → create every virtual user (in order; a failure disposes those created and rethrows)
/// → run warm-up then duration, closing an interval every <see cref="LoadRunOptions.ReportInterval"/>
/// → stop: no new operations; in-flight ones get <see cref="LoadScenario.GracefulStop"/> to finish,
/// then their token is cancelled and they get as long again, after which they are abandoned
/// (counted) → dispose the users → evaluate thresholds.</para>
/// <para>Cancelling the token passed to <see cref="RunAsync"/> during the run (Ctrl+C, SIGTERM) stops it
/// the same graceful way and <em>returns</em> the partial result (<see cref="LoadRunResult.IsPartial"/>);
/// cancelling while users are being created throws <see cref="OperationCanceledException"/>.</para>
/// </remarks>
public static class LoadRunner
{
    public static async Task<LoadRunResult> RunAsync(LoadScenario scenario, LoadRunOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        options ??= new LoadRunOptions();
        scenario.Validate();
        options.Validate();
        return await new LoadRun(scenario, options).ExecuteAsync(cancellationToken).ConfigureAwait(false);
    }
}
