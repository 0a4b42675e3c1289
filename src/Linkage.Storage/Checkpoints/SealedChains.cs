using Linkage.Domain;
using Linkage.Domain.Chains.Checkpoints;
using Linkage.Storage.Database;
using Microsoft.EntityFrameworkCore;

namespace Linkage.Storage.Checkpoints;

/// <summary>The two chains this gateway keeps and seals, named network-wide by institution.</summary>
public sealed class SealedChains(IDbContextFactory<LinkageDbContext> contexts, InstitutionScope scope) : IKeptChains
{
    public ISealedChain ProvisionRecords { get; } = new TableSealedChain(contexts, $"{scope.Code.Value}/provision-records", "ProvisionRecords");

    public ISealedChain OperationLog { get; } = new TableSealedChain(contexts, $"{scope.Code.Value}/operation-log", "OperationLog");

    public IReadOnlyList<ISealedChain> All => [ProvisionRecords, OperationLog];
}
