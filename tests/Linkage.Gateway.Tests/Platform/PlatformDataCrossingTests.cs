using Grpc.Core;
using Linkage.Contracts.Network.V1;
using Linkage.Contracts.V1;
using Linkage.Domain.Staff;
using Linkage.Testing;
using static Linkage.Gateway.Tests.Platform.PlatformNetwork;
using OperationOutcome = Linkage.Domain.Staff.OperationOutcome;
using WireReason = Linkage.Contracts.V1.HoldFlagReason;

namespace Linkage.Gateway.Tests.Platform;

/// <summary>
/// A certificate of one institution with data of another (its flag, its copy, its held answer): the call is placed
/// with the certificate's institution, which knows nothing of the other's data, refuses, and logs the refusal; the
/// other institution's data stays as it was.
/// </summary>
[Collection(OnePlatformNode.Name)]
public sealed class PlatformDataCrossingTests(PlatformNetwork network)
{
    [Fact(Timeout = 120_000)]
    public async Task A_system_cannot_clear_another_institutions_flag_nor_delete_its_copy_and_its_own_flag_holds_nothing_there()
    {
        var flagged = await network.ProvideableAsync(Mito, 30, "161.0");
        var other = await network.ProvideableAsync(Mito, 31, "162.0");
        var mitoSystem = new CopyRegistration.CopyRegistrationClient(network.BackOffice(Mito, Roles.HealthSystem));
        var hitachinakaSystem = new CopyRegistration.CopyRegistrationClient(network.BackOffice(Hitachinaka, Roles.HealthSystem));
        var flag = await mitoSystem.SetHoldFlagAsync(new SetHoldFlagRequest { InternalAddressNumber = flagged, Reason = WireReason.SupportMeasure });
        var mitoOperations = (await network.OperationsAsync(Mito)).Count;

        var clear = await Assert.ThrowsAsync<RpcException>(() => hitachinakaSystem.ClearHoldFlagAsync(
            new ClearHoldFlagRequest { FlagId = flag.FlagId, Reason = "not ours" }).ResponseAsync);
        var delete = await Assert.ThrowsAsync<RpcException>(() => hitachinakaSystem.DeleteCopyAsync(new DeleteCopyRequest
            { InternalAddressNumber = other, InformationNameCode = TestNetwork.Osteoporosis, RecordKey = "2025-57-1" }).ResponseAsync);
        // Mito's person number means nobody in particular at Hitachinaka: a flag set there stays there.
        await hitachinakaSystem.SetHoldFlagAsync(new SetHoldFlagRequest { InternalAddressNumber = other, Reason = WireReason.Other, ReasonText = "x" });

        Assert.Equal((StatusCode.NotFound, "HOLD_FLAG_NOT_FOUND"), (clear.StatusCode, clear.Reason()));
        Assert.Equal("COPY_NOT_FOUND", delete.Reason());
        var logged = (await network.OperationsAsync(Hitachinaka)).Where(o => o.Rpc == "/linkage.v1.CopyRegistration/ClearHoldFlag").ToList();
        Assert.Contains(logged, o => o is { ActorKind: CallerKind.System, Outcome: OperationOutcome.Refused, Reason: "HOLD_FLAG_NOT_FOUND" }
            && o.Target.Contains($"flag:{flag.FlagId}", StringComparison.Ordinal));
        Assert.Equal(mitoOperations, (await network.OperationsAsync(Mito)).Count);

        // At Mito the flag still holds its person's answers, the copy is still there and the other person is answered.
        Assert.Equal(ProvisionOutcome.Held, (await network.ProvideAsync(Mito, network.Permit(Mito, 30, Tsukuba))).Outcome);
        var stillThere = await mitoSystem.GetCopyAsync(new GetCopyRequest
            { InternalAddressNumber = other, InformationNameCode = TestNetwork.Osteoporosis, RecordKey = "2025-57-1" });
        Assert.Equal("162.0", stillThere.Copy.Items[0].Value);
        Assert.Contains("162.0", network.Open(await network.ProvideAsync(Mito, network.Permit(Mito, 31, Tsukuba))));
    }

    [Fact(Timeout = 120_000)]
    public async Task A_reviewer_cannot_see_or_decide_another_institutions_held_answer()
    {
        var person = await network.ProvideableAsync(Tsukuba, 32, "163.0");
        await new CopyRegistration.CopyRegistrationClient(network.BackOffice(Tsukuba, Roles.HealthSystem))
            .SetHoldFlagAsync(new SetHoldFlagRequest { InternalAddressNumber = person, Reason = WireReason.CourtOrder });
        var held = await network.ProvideAsync(Tsukuba, network.Permit(Tsukuba, 32, Mito));
        Assert.Equal(ProvisionOutcome.Held, held.Outcome);
        var heldId = held.PermitId;
        var reviewer = new Contracts.V1.Review.ReviewClient(network.Staff(Hitachinaka, Roles.Reviewer));

        var show = await Assert.ThrowsAsync<RpcException>(() => reviewer.GetHeldAsync(new GetHeldRequest { HeldId = heldId }).ResponseAsync);
        var approve = await Assert.ThrowsAsync<RpcException>(() => reviewer.ApproveAsync(new ApproveRequest { HeldId = heldId }).ResponseAsync);
        var list = await reviewer.ListHeldAsync(new ListHeldRequest());

        Assert.Equal((StatusCode.NotFound, "HELD_RESPONSE_NOT_FOUND"), (show.StatusCode, show.Reason()));
        Assert.Equal((StatusCode.NotFound, "HELD_RESPONSE_NOT_FOUND"), (approve.StatusCode, approve.Reason()));
        Assert.DoesNotContain(list.Held, h => h.HeldId == heldId);
        var logged = (await network.OperationsAsync(Hitachinaka)).Where(o => o.Target == $"held:{heldId}").ToList();
        Assert.Equal(["/linkage.v1.Review/GetHeld", "/linkage.v1.Review/Approve"], logged.Select(o => o.Rpc));
        Assert.All(logged, o => Assert.Equal((CallerKind.Staff, OperationOutcome.Refused, "HELD_RESPONSE_NOT_FOUND"), (o.ActorKind, o.Outcome, o.Reason)));

        // Tsukuba's own reviewer finds it still waiting, untouched.
        var own = await new Contracts.V1.Review.ReviewClient(network.Staff(Tsukuba, Roles.Reviewer)).GetHeldAsync(new GetHeldRequest { HeldId = heldId });
        Assert.Equal(HeldState.Waiting, own.Summary.State);
        Assert.Empty(own.History);
    }
}
