using Linkage.Domain;
using Linkage.Domain.Chains.Checkpoints;
using Linkage.Storage.Database;
using Microsoft.EntityFrameworkCore;

namespace Linkage.Storage.Checkpoints;

/// <summary>The two chains this gateway keeps and seals, named network-wide by institution.</summary>
public sealed class SealedChains(IDbContextFactory<LinkageDbContext> contexts, InstitutionScope scope) : IKeptChains
{
    /// <summary>Each chain of an institution's database: the name in its id, and the table holding it (a backup reads their heads too).</summary>
    public static IReadOnlyList<(string Name, string Table)> Tables { get; } =
        [("provision-records", "ProvisionRecords"), ("operation-log", "OperationLog")];

    public static string ChainId(string institutionCode, string name) => $"{institutionCode}/{name}";

    public ISealedChain ProvisionRecords { get; } = new TableSealedChain(contexts, ChainId(scope.Code.Value, Tables[0].Name), Tables[0].Table);

    public ISealedChain OperationLog { get; } = new TableSealedChain(contexts, ChainId(scope.Code.Value, Tables[1].Name), Tables[1].Table);

    public IReadOnlyList<ISealedChain> All => [ProvisionRecords, OperationLog];
}
