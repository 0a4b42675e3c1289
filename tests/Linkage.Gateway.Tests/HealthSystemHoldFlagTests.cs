using Grpc.Core;
using Linkage.Contracts.V1;
using Linkage.Domain.Codes;
using Linkage.Domain.Review;
using Linkage.Domain.Staff;
using Linkage.Testing;
using Microsoft.Extensions.DependencyInjection;
using AdministrationContract = Linkage.Contracts.V1.Administration;
using OperationOutcome = Linkage.Domain.Staff.OperationOutcome;
using WireReason = Linkage.Contracts.V1.HoldFlagReason;

namespace Linkage.Gateway.Tests;

/// <summary>
/// The health management system sets and clears hold flags through CopyRegistration: the provision path's hold policy
/// sees them at once, the administrator lists them, and every change, refusals included, is in the operation log
/// under the system's id.
/// </summary>
public sealed class HealthSystemHoldFlagTests : IAsyncLifetime
{
    private const string Person = "082210000000051";
    private const string NotHeld = "TM00000000099999"; // well-formed, but no copies of it are held here
    private GatewayOnTestServer _gateway = null!;
    private CopyRegistration.CopyRegistrationClient _system = null!;
    private string _systemId = "";
    private AdministrationContract.AdministrationClient _admin = null!;

    public async Task InitializeAsync()
    {
        _gateway = await GatewayOnTestServer.StartAsync();
        var certificate = _gateway.Certificate(Roles.HealthSystem);
        _systemId = _gateway.RegisterSystem(certificate, Roles.HealthSystem);
        _system = new CopyRegistration.CopyRegistrationClient(_gateway.Raw(certificate));
        _admin = new AdministrationContract.AdministrationClient(_gateway.Channel(Roles.Administrator));
    }

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact(Timeout = 60_000)]
    public async Task A_flag_the_system_sets_holds_the_persons_provisions_until_it_clears_it_and_both_are_logged()
    {
        var flag = await _system.SetHoldFlagAsync(new SetHoldFlagRequest
            { InternalAddressNumber = Person, InformationNameCode = TestNetwork.Osteoporosis, Reason = WireReason.SupportMeasure });

        Assert.Equal(_systemId, flag.SetBy);
        Assert.Equal("SUPPORT_MEASURE", await HeldAsync(Person, TestNetwork.Osteoporosis));
        Assert.Null(await HeldAsync(Person, TestNetwork.Cancer));
        Assert.Null(await HeldAsync("082210000000052", TestNetwork.Osteoporosis));
        Assert.Equal(flag, Assert.Single((await _admin.ListHoldFlagsAsync(new ListHoldFlagsRequest { InternalAddressNumber = Person })).Flags));

        var cleared = await _system.ClearHoldFlagAsync(new ClearHoldFlagRequest { FlagId = flag.FlagId, Reason = "support measure ended" });
        // A copy call of the system is not an operation: the log keeps the flag changes only.
        await Assert.ThrowsAsync<RpcException>(() => _system.GetCopyAsync(new GetCopyRequest
            { InternalAddressNumber = Person, InformationNameCode = TestNetwork.Osteoporosis, RecordKey = "2025-57-1" }).ResponseAsync);

        Assert.Equal(_systemId, cleared.ClearedBy);
        Assert.Null(await HeldAsync(Person, TestNetwork.Osteoporosis));
        var log = await SystemOperationsAsync();
        Assert.Equal(2, log.Count);
        Assert.Contains(log, o => o is { Rpc: "/linkage.v1.CopyRegistration/SetHoldFlag", Outcome: OperationOutcome.Done }
            && o.Target.Contains($"flag:{flag.FlagId}", StringComparison.Ordinal) && o.Target.Contains($"person:{Person}", StringComparison.Ordinal));
        Assert.Contains(log, o => o is { Rpc: "/linkage.v1.CopyRegistration/ClearHoldFlag", Outcome: OperationOutcome.Done }
            && o.Target.Contains($"flag:{flag.FlagId}", StringComparison.Ordinal));
        // The person stays in the operation log's database; the text logs never name them.
        Assert.DoesNotContain(Person, _gateway.Logs.AllText(), StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task An_information_name_out_of_the_systems_scope_is_refused_logged_and_nothing_is_set()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _system.SetHoldFlagAsync(new SetHoldFlagRequest
            { InternalAddressNumber = Person, InformationNameCode = NotHeld, Reason = WireReason.CourtOrder }).ResponseAsync);

        Assert.Equal((StatusCode.PermissionDenied, "INFORMATION_NAME_NOT_ALLOWED"), (error.StatusCode, error.Reason()));
        Assert.Empty((await _admin.ListHoldFlagsAsync(new ListHoldFlagsRequest { IncludeCleared = true })).Flags);
        Assert.Null(await HeldAsync(Person, NotHeld));
        var refused = Assert.Single(await SystemOperationsAsync());
        Assert.Equal(("/linkage.v1.CopyRegistration/SetHoldFlag", OperationOutcome.Refused, "INFORMATION_NAME_NOT_ALLOWED"),
            (refused.Rpc, refused.Outcome, refused.Reason));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_flag_on_everyone_for_a_name_is_an_administrators_not_the_systems()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _system.SetHoldFlagAsync(new SetHoldFlagRequest
            { InformationNameCode = TestNetwork.Osteoporosis, Reason = WireReason.DataUnderCorrection }).ResponseAsync);

        Assert.Equal((StatusCode.InvalidArgument, "MISSING_FIELD"), (error.StatusCode, error.Reason()));
        Assert.Equal("internal_address_number", Assert.Single(error.FieldViolations()).Field);
        Assert.Empty((await _admin.ListHoldFlagsAsync(new ListHoldFlagsRequest { IncludeCleared = true })).Flags);
    }

    [Fact(Timeout = 60_000)]
    public async Task Clearing_a_flag_that_does_not_exist_is_not_found_and_logged()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _system.ClearHoldFlagAsync(
            new ClearHoldFlagRequest { FlagId = "hf-nonexistent00", Reason = "support measure ended" }).ResponseAsync);

        Assert.Equal((StatusCode.NotFound, "HOLD_FLAG_NOT_FOUND"), (error.StatusCode, error.Reason()));
        var refused = Assert.Single(await SystemOperationsAsync());
        Assert.Equal(("/linkage.v1.CopyRegistration/ClearHoldFlag", OperationOutcome.Refused, "HOLD_FLAG_NOT_FOUND"),
            (refused.Rpc, refused.Outcome, refused.Reason));
        Assert.Contains("flag:hf-nonexistent00", refused.Target, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task The_system_may_not_clear_an_administrators_flag_which_keeps_holding()
    {
        var flag = await _admin.SetHoldFlagAsync(new SetHoldFlagRequest { InternalAddressNumber = Person, Reason = WireReason.CourtOrder });

        var error = await Assert.ThrowsAsync<RpcException>(() => _system.ClearHoldFlagAsync(
            new ClearHoldFlagRequest { FlagId = flag.FlagId, Reason = "not ours to keep" }).ResponseAsync);

        Assert.Equal((StatusCode.PermissionDenied, "PEER_NOT_AUTHORIZED"), (error.StatusCode, error.Reason()));
        Assert.Equal("COURT_ORDER", await HeldAsync(Person, TestNetwork.Osteoporosis));
        Assert.Equal(OperationOutcome.Refused, Assert.Single(await SystemOperationsAsync()).Outcome);
    }

    /// <summary>What the provision path asks before answering: the hold policy the gateway's provision handler uses.</summary>
    private Task<string?> HeldAsync(string person, string informationName) =>
        _gateway.Services.GetRequiredService<IHoldPolicy>().HoldReasonAsync(InternalAddressNumber.Parse(person),
            InformationNameCode.Parse(informationName), CancellationToken.None);

    private async Task<List<OperationEntry>> SystemOperationsAsync()
    {
        var all = new List<OperationEntry>();
        await foreach (var link in _gateway.Services.GetRequiredService<IOperationLogReader>().ReadAllAsync("node-1", CancellationToken.None))
            if (link.Entry is { ActorKind: CallerKind.System } entry && entry.ActorId == _systemId) all.Add(entry);
        return all;
    }
}
