namespace ReplicaBench.Cli;

/// <summary>The process exit codes, the same for every command.</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The work ran but failed: a server did not start, a threshold was breached.</summary>
    public const int Failure = 1;

    /// <summary>Bad input: options, config, environment, credentials. Nothing was started.</summary>
    public const int BadInput = 2;

    /// <summary>Stopped by Ctrl+C or SIGTERM (128 + SIGINT).</summary>
    public const int Cancelled = 130;
}
