namespace Linkage.Gateway.Jobs;

/// <summary>How a job's last finished run ended.</summary>
public enum JobOutcome
{
    /// <summary>No run has finished since the gateway started.</summary>
    None = 0,
    Ok = 1,
    Failed = 2,
}
