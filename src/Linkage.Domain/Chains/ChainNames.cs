namespace Linkage.Domain.Chains;

/// <summary>
/// A chain's id across the network: "{institution}/{node}/{kind}", e.g. "1000082210000000/node-1/provision-records".
/// The hub witnesses chains by this id and checks that it starts with the caller's institution; a retention purge
/// names its operation by the part after the institution.
/// </summary>
public static class ChainNames
{
    private const string ProvisionRecords = "provision-records";
    private const string OperationLog = "operation-log";

    public static string Of(string institution, string node, ChainKind kind) => $"{institution}/{node}/{Suffix(kind)}";

    /// <summary>The node and kind of a chain id of <paramref name="institution"/>; false for anything else.</summary>
    public static bool TryParse(string chainId, string institution, out string node, out ChainKind kind)
    {
        (node, kind) = ("", default);
        var parts = chainId.Split('/');
        if (parts.Length != 3 || parts[0] != institution || !NodeName.IsValid(parts[1])) return false;
        node = parts[1];
        switch (parts[2])
        {
            case ProvisionRecords: kind = ChainKind.ProvisionRecords; return true;
            case OperationLog: kind = ChainKind.OperationLog; return true;
            default: return false;
        }
    }

    private static string Suffix(ChainKind kind) => kind == ChainKind.ProvisionRecords ? ProvisionRecords : OperationLog;
}
