using Grpc.Core;
using Linkage.Contracts.V1;
using Linkage.Domain;
using Linkage.Domain.Copies;
using Linkage.Domain.Permits;
using Linkage.Domain.Records;
using Linkage.Domain.Symbols;
using Linkage.Gateway.Jobs;
using Linkage.Transport;
using Microsoft.AspNetCore.Authorization;
using AdministrationContract = Linkage.Contracts.V1.Administration;

namespace Linkage.Gateway.Administration;

[Authorize(Roles = Roles.Administrator)]
public sealed class AdministrationService(
    InstitutionScope scope, ISymbolStore symbols, ICopyStore copies, IRecordReader records,
    IPermittedListSource lists, PermittedListSynchronizer synchronizer) : AdministrationContract.AdministrationBase
{
    public override async Task<GetStatisticsResponse> GetStatistics(GetStatisticsRequest request, ServerCallContext context) => new()
    {
        InstitutionCode = scope.Code.Value,
        Symbols = await symbols.CountAsync(context.CancellationToken),
        CurrentCopies = await copies.CountCurrentAsync(context.CancellationToken),
        Records = await records.CountAsync(context.CancellationToken),
        PermittedListVersion = lists.Current?.Version ?? 0,
    };

    public override async Task<SyncPermittedListResponse> SyncPermittedList(SyncPermittedListRequest request, ServerCallContext context)
    {
        var version = await synchronizer.SyncNowAsync(context.CancellationToken);
        return new SyncPermittedListResponse { Version = version, Entries = lists.Current?.Entries.Count ?? 0 };
    }
}
