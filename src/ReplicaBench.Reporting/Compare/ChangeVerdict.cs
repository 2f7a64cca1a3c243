namespace ReplicaBench.Reporting.Compare;

/// <summary>How one metric moved between baseline and candidate.</summary>
public enum ChangeVerdict
{
    /// <summary>Within the minimum change or within the run-to-run noise: not a change anyone should act on.</summary>
    Unchanged,

    /// <summary>Better by more than both the minimum change and the noise.</summary>
    Improvement,

    /// <summary>Worse by more than both the minimum change and the noise: fails the comparison.</summary>
    Regression,
}
