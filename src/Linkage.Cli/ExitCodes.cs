namespace Linkage.Cli;

/// <summary>What the process returns, for scripts.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The server refused the call (a gRPC error), or answered that something is wrong (not serving, chain broken).</summary>
    public const int Refused = 1;

    /// <summary>The command line did not parse.</summary>
    public const int Usage = 2;

    /// <summary>No connection, unreadable certificate files, anything else.</summary>
    public const int Failure = 3;
}
