using Grpc.Core;
using Linkage.Contracts.V1;
using Linkage.Domain.Permits;
using Linkage.Domain.Staff;
using Linkage.Gateway.Access;
using Linkage.Gateway.Jobs;
using Linkage.Gateway.Staff;
using AdministrationContract = Linkage.Contracts.V1.Administration;

namespace Linkage.Gateway.Administration;

/// <summary>Statistics (tickets among them), the permitted list, the registry of staff and systems, and hold flags. Permissions: <see cref="RpcPermissions"/>.</summary>
public sealed class AdministrationService(
    StatisticsReport statistics, IPermittedListSource lists, PermittedListSynchronizer synchronizer,
    RegistryAdministration administration, CallerRegistry registry, PresentedCertificates certificates,
    HeldOperations heldOperations, HoldFlagMapping holdFlags)
    : AdministrationContract.AdministrationBase
{
    public override Task<GetStatisticsResponse> GetStatistics(GetStatisticsRequest request, ServerCallContext context) =>
        statistics.BuildAsync(request, context.CancellationToken);

    public override async Task<SyncPermittedListResponse> SyncPermittedList(SyncPermittedListRequest request, ServerCallContext context)
    {
        var version = await synchronizer.SyncNowAsync(context.CancellationToken);
        return new SyncPermittedListResponse { Version = version, Entries = lists.Current?.Entries.Count ?? 0 };
    }

    public override Task<ListStaffResponse> ListStaff(ListStaffRequest request, ServerCallContext context)
    {
        var response = new ListStaffResponse();
        response.Staff.AddRange(registry.Current.Staff.Where(s => request.IncludeDeactivated || s.IsActive).Select(View));
        return Task.FromResult(response);
    }

    public override async Task<StaffMemberView> AddStaff(AddStaffRequest request, ServerCallContext context) =>
        View(await administration.AddStaffAsync(new RegistryAdministration.StaffDraft(request.StaffId, request.Name, request.Roles,
            request.InformationNameCodes, request.ValidFrom?.ToDateTimeOffset(), request.ValidTo?.ToDateTimeOffset(),
            certificates.Read(request.CertificatePem)), context.CancellationToken));

    public override async Task<StaffMemberView> DeactivateStaff(DeactivateStaffRequest request, ServerCallContext context)
    {
        await administration.DeactivateAsync(CallerKind.Staff, request.StaffId, request.Reason, context.CancellationToken);
        return View(registry.FindStaff(request.StaffId)!);
    }

    public override Task<ListSystemsResponse> ListSystems(ListSystemsRequest request, ServerCallContext context)
    {
        var response = new ListSystemsResponse();
        response.Systems.AddRange(registry.Current.Systems.Where(s => request.IncludeDeactivated || s.IsActive).Select(View));
        return Task.FromResult(response);
    }

    public override async Task<ConnectedSystemView> AddSystem(AddSystemRequest request, ServerCallContext context) =>
        View(await administration.AddSystemAsync(request.SystemId, request.Name, request.Role,
            certificates.Read(request.CertificatePem), context.CancellationToken));

    public override async Task<ConnectedSystemView> DeactivateSystem(DeactivateSystemRequest request, ServerCallContext context)
    {
        await administration.DeactivateAsync(CallerKind.System, request.SystemId, request.Reason, context.CancellationToken);
        return View(registry.FindSystem(request.SystemId)!);
    }

    public override async Task<CertificateBindingView> BindCertificate(BindCertificateRequest request, ServerCallContext context) =>
        StaffMapping.ToWire(await administration.BindAsync(request.HasSystemId ? CallerKind.System : CallerKind.Staff,
            request.HasSystemId ? request.SystemId : request.StaffId, certificates.Read(request.CertificatePem), context.CancellationToken));

    public override async Task<CertificateBindingView> UnbindCertificate(UnbindCertificateRequest request, ServerCallContext context)
    {
        await administration.UnbindAsync(request.ThumbprintSha256, context.CancellationToken);
        return StaffMapping.ToWire(registry.Current.Bindings.First(b =>
            string.Equals(b.Certificate.Thumbprint, request.ThumbprintSha256, StringComparison.OrdinalIgnoreCase)));
    }

    public override Task<HoldFlagView> SetHoldFlag(SetHoldFlagRequest request, ServerCallContext context) =>
        holdFlags.SetAsync(request, context.Caller(), context.CancellationToken);

    public override Task<HoldFlagView> ClearHoldFlag(ClearHoldFlagRequest request, ServerCallContext context) =>
        holdFlags.ClearAsync(request, context.Caller(), context.CancellationToken);

    public override Task<ListHoldFlagsResponse> ListHoldFlags(ListHoldFlagsRequest request, ServerCallContext context) =>
        holdFlags.ListAsync(request, context.CancellationToken);

    private StaffMemberView View(StaffMember member) => StaffMapping.ToWire(member, registry.BindingsOf(CallerKind.Staff, member.StaffId));

    private ConnectedSystemView View(ConnectedSystem system) => StaffMapping.ToWire(system, registry.BindingsOf(CallerKind.System, system.SystemId));

    public override Task<ListJobsResponse> ListJobs(ListJobsRequest request, ServerCallContext context) =>
        heldOperations.ListJobsAsync(context.CancellationToken);

    public override async Task<RetryDeliveryResponse> RetryDelivery(RetryDeliveryRequest request, ServerCallContext context)
    {
        await heldOperations.RetryDeliveryAsync(request.HeldId, context.CancellationToken);
        return new RetryDeliveryResponse();
    }

    public override async Task<ExtendDeadlineResponse> ExtendDeadline(ExtendDeadlineRequest request, ServerCallContext context) => new()
    {
        Deadline = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(await heldOperations.ExtendDeadlineAsync(
            context.Caller(), request.HeldId, request.Deadline?.ToDateTimeOffset(), request.Reason, context.CancellationToken)),
    };
}
