namespace Linkage.Domain.Chains.Checkpoints;

/// <summary>The two chains a gateway keeps, seals and verifies: its provision records and its operation log.</summary>
public interface IKeptChains
{
    ISealedChain ProvisionRecords { get; }

    ISealedChain OperationLog { get; }

    IReadOnlyList<ISealedChain> All { get; }
}
