namespace Linkage.Domain.Chains;

/// <summary>The two chains every gateway node keeps of its own.</summary>
public enum ChainKind
{
    ProvisionRecords,
    OperationLog,
}
