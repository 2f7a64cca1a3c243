using System.Globalization;
using System.Text;

namespace ReplicaBench.Reporting.Compare;

/// <summary>A comparison as Markdown for a pull request or a nightly job's log: the outcome first, then every change.</summary>
public static class ComparisonMarkdown
{
    public static string Render(ComparisonResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var md = new StringBuilder();
        md.Append("# ReplicaBench compare\n\n");
        md.Append(CultureInfo.InvariantCulture, $"Baseline: {result.BaselineName} · Candidate: {result.CandidateName} · threshold {Format.Percent(result.Threshold)} and beyond run-to-run noise\n\n");
        var regressions = result.Regressions;
        if (regressions.Count == 0)
        {
            md.Append("**No regression.**\n");
        }
        else
        {
            md.Append(CultureInfo.InvariantCulture, $"**{regressions.Count} regression(s):**\n\n");
            foreach (var r in regressions)
            {
                md.Append(CultureInfo.InvariantCulture, $"- {r.Metric} in {r.Cell}: {Value(r.Baseline, r.Unit)} → {Value(r.Candidate, r.Unit)} ({Change(r)}, noise ±{Value(r.Noise, r.Unit)})\n");
            }
        }

        md.Append("\n| Cell | Metric | Baseline | Candidate | Change | Noise (±) | Verdict |\n|---|---|---:|---:|---:|---:|---|\n");
        foreach (var c in result.Changes)
        {
            var verdict = c.Verdict switch
            {
                ChangeVerdict.Regression => "**regression**",
                ChangeVerdict.Improvement => "improvement",
                _ => "unchanged",
            };
            md.Append(CultureInfo.InvariantCulture, $"| {c.Cell} | {c.Metric} | {Value(c.Baseline, c.Unit)} | {Value(c.Candidate, c.Unit)} | {Change(c)} | {Value(c.Noise, c.Unit)} | {verdict} |\n");
        }

        if (result.OnlyInBaseline.Count > 0)
        {
            md.Append("\nOnly in the baseline (not compared): ").Append(string.Join(", ", result.OnlyInBaseline)).Append('\n');
        }

        if (result.OnlyInCandidate.Count > 0)
        {
            md.Append("\nOnly in the candidate (not compared): ").Append(string.Join(", ", result.OnlyInCandidate)).Append('\n');
        }

        return md.ToString();
    }

    private static string Change(MetricChange change) =>
        double.IsInfinity(change.RelativeChange) ? "new" : Format.SignedPercent(change.RelativeChange);

    private static string Value(double value, string unit) => unit switch
    {
        "ns" => Format.Duration(value),
        "%" => Format.Number(value) + "%",
        _ => Format.Number(value) + " " + unit,
    };
}
