using Grpc.Core;
using Linkage.Contracts.V1;
using Linkage.Domain.Codes;
using Linkage.Domain.Review.HoldFlags;
using Linkage.Domain.Staff;
using Linkage.Testing;
using Microsoft.Extensions.DependencyInjection;
using AdministrationContract = Linkage.Contracts.V1.Administration;
using OperationOutcome = Linkage.Domain.Staff.OperationOutcome;
using WireReason = Linkage.Contracts.V1.HoldFlagReason;

namespace Linkage.Gateway.Tests;

/// <summary>Hold flags through the Administration service with an administrator's session, stored in SQLite, in the operation log.</summary>
public sealed class HoldFlagAdministrationTests : IAsyncLifetime
{
    private const string Person = "082210000000031";
    private GatewayOnTestServer _gateway = null!;
    private AdministrationContract.AdministrationClient _admin = null!;

    public async Task InitializeAsync()
    {
        _gateway = await GatewayOnTestServer.StartAsync();
        _admin = new AdministrationContract.AdministrationClient(_gateway.Channel(Roles.Administrator));
    }

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact(Timeout = 60_000)]
    public async Task A_flag_set_is_in_force_listed_and_in_the_operation_log_with_its_target_then_cleared_once()
    {
        var flag = await _admin.SetHoldFlagAsync(new SetHoldFlagRequest
            { InternalAddressNumber = Person, Reason = WireReason.SupportMeasure });
        var policy = _gateway.Services.GetRequiredService<HoldFlagIndex>();

        Assert.StartsWith("hf-", flag.FlagId, StringComparison.Ordinal);
        Assert.StartsWith("tester-", flag.SetBy, StringComparison.Ordinal);
        Assert.Equal("SUPPORT_MEASURE", await Held(policy, Person));
        Assert.Equal(flag, Assert.Single((await _admin.ListHoldFlagsAsync(new ListHoldFlagsRequest { InternalAddressNumber = Person })).Flags));

        var cleared = await _admin.ClearHoldFlagAsync(new ClearHoldFlagRequest { FlagId = flag.FlagId, Reason = "support measure ended" });
        var twice = await Assert.ThrowsAsync<RpcException>(() =>
            _admin.ClearHoldFlagAsync(new ClearHoldFlagRequest { FlagId = flag.FlagId, Reason = "again" }).ResponseAsync);

        Assert.Equal(("support measure ended", flag.SetBy), (cleared.ClearReason, cleared.ClearedBy));
        Assert.NotNull(cleared.ClearedAt);
        Assert.Null(await Held(policy, Person));
        Assert.Equal((StatusCode.NotFound, "HOLD_FLAG_NOT_FOUND"), (twice.StatusCode, twice.Reason()));
        Assert.Empty((await _admin.ListHoldFlagsAsync(new ListHoldFlagsRequest { InternalAddressNumber = Person })).Flags);
        Assert.Equal(cleared, Assert.Single((await _admin.ListHoldFlagsAsync(
            new ListHoldFlagsRequest { InternalAddressNumber = Person, IncludeCleared = true })).Flags));

        var log = await OperationsAsync("HoldFlag");
        Assert.Contains(log, o => o is { Rpc: "/linkage.v1.Administration/SetHoldFlag", Outcome: OperationOutcome.Done }
            && o.Target.Contains($"flag:{flag.FlagId}", StringComparison.Ordinal) && o.Target.Contains($"person:{Person}", StringComparison.Ordinal));
        Assert.Contains(log, o => o is { Rpc: "/linkage.v1.Administration/ClearHoldFlag", Outcome: OperationOutcome.Done }
            && o.Target.Contains($"flag:{flag.FlagId}", StringComparison.Ordinal));
        Assert.Contains(log, o => o is { Rpc: "/linkage.v1.Administration/ClearHoldFlag", Outcome: OperationOutcome.Refused, Reason: "HOLD_FLAG_NOT_FOUND" });
        // The person stays in the operation log's database; the text logs never name them.
        Assert.DoesNotContain(Person, _gateway.Logs.AllText(), StringComparison.Ordinal);
    }

    [Theory(Timeout = 60_000)]
    [InlineData("082210000000032", 9, "reason", "INVALID_ARGUMENT")]
    [InlineData("082210000000032", 0, "reason", "INVALID_ARGUMENT")]
    [InlineData("0822100000000X2", 1, "internal_address_number", "MALFORMED_CODE")]
    [InlineData("", 1, "internal_address_number", "MISSING_FIELD")]
    public async Task A_bad_flag_is_invalid_argument_with_its_field_in_the_operation_log_and_nothing_is_set(
        string person, int reason, string field, string errorReason)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _admin.SetHoldFlagAsync(new SetHoldFlagRequest
            { InternalAddressNumber = person, Reason = (WireReason)reason }).ResponseAsync);

        Assert.Equal((StatusCode.InvalidArgument, errorReason), (error.StatusCode, error.Reason()));
        Assert.Equal(field, Assert.Single(error.FieldViolations()).Field);
        Assert.Empty((await _admin.ListHoldFlagsAsync(new ListHoldFlagsRequest { IncludeCleared = true })).Flags);
        var refused = (await OperationsAsync("SetHoldFlag"))[^1];
        Assert.Equal((OperationOutcome.Refused, errorReason), (refused.Outcome, refused.Reason));
    }

    [Fact(Timeout = 60_000)]
    public async Task The_list_pages_in_the_order_flags_were_set_and_filters_by_information_name()
    {
        var set = new List<HoldFlagView>();
        for (var i = 0; i < 5; i++)
            set.Add(await _admin.SetHoldFlagAsync(new SetHoldFlagRequest
            {
                InternalAddressNumber = $"08221000000004{i}",
                InformationNameCode = i == 4 ? TestNetwork.Osteoporosis : "",
                Reason = WireReason.Other,
                ReasonText = "確認中",
            }));

        var pages = new List<ListHoldFlagsResponse>();
        var token = "";
        do
        {
            pages.Add(await _admin.ListHoldFlagsAsync(new ListHoldFlagsRequest { PageSize = 2, PageToken = token }));
            token = pages[^1].NextPageToken;
        } while (token.Length > 0);
        var byName = await _admin.ListHoldFlagsAsync(new ListHoldFlagsRequest { InformationNameCode = TestNetwork.Osteoporosis });

        Assert.Equal([2, 2, 1], pages.Select(p => p.Flags.Count));
        Assert.Equal(set.Select(f => f.FlagId), pages.SelectMany(p => p.Flags).Select(f => f.FlagId));
        Assert.Equal(set[4].FlagId, Assert.Single(byName.Flags).FlagId);
    }

    [Fact(Timeout = 60_000)]
    public async Task The_flags_in_force_are_loaded_from_the_database_as_at_a_restart()
    {
        var kept = await _admin.SetHoldFlagAsync(new SetHoldFlagRequest { InformationNameCode = TestNetwork.Osteoporosis, Reason = WireReason.CourtOrder });
        var gone = await _admin.SetHoldFlagAsync(new SetHoldFlagRequest { InternalAddressNumber = Person, Reason = WireReason.CourtOrder });
        await _admin.ClearHoldFlagAsync(new ClearHoldFlagRequest { FlagId = gone.FlagId, Reason = "court order lifted" });

        var restarted = new HoldFlagIndex(TimeProvider.System);
        await new HoldFlagAdministration(_gateway.Services.GetRequiredService<Domain.InstitutionScope>(),
            _gateway.Services.GetRequiredService<IHoldFlagStore>(), restarted, TimeProvider.System).LoadAsync(CancellationToken.None);

        Assert.Equal(kept.FlagId, restarted.Find(InternalAddressNumber.Parse(Person), InformationNameCode.Parse(TestNetwork.Osteoporosis))?.FlagId);
        Assert.Equal(1, restarted.Count);
    }

    private static Task<string?> Held(HoldFlagIndex policy, string person) =>
        policy.HoldReasonAsync(InternalAddressNumber.Parse(person), InformationNameCode.Parse(TestNetwork.Osteoporosis), CancellationToken.None);

    private async Task<List<OperationEntry>> OperationsAsync(string rpcPart)
    {
        var reader = _gateway.Services.GetRequiredService<IOperationLogReader>();
        var all = new List<OperationEntry>();
        await foreach (var link in reader.ReadAllAsync("node-1", CancellationToken.None))
            if (link.Entry.Rpc.Contains(rpcPart, StringComparison.Ordinal)) all.Add(link.Entry);
        return all;
    }
}
