using Grpc.Core;
using Linkage.Contracts.V1;
using Linkage.Domain;
using Linkage.Domain.Errors;
using Linkage.Domain.Staff;
using Linkage.Testing;
using Linkage.Transport;
using static Linkage.Testing.TestNetwork;
using Outcome = Linkage.Contracts.Network.V1.ProvisionOutcome;
using OperationOutcome = Linkage.Contracts.V1.OperationOutcome;

namespace Linkage.EndToEnd.Tests;

/// <summary>
/// Disclosure to the person (本人開示): their exchanges over a period, in words, with the other institution named from
/// the hub's directory; a record marked not to be disclosed (不開示) is left out for staff and shown with its mark to
/// auditors; bad requests are refused with their reason and change nothing.
/// </summary>
public sealed class DisclosureTests : IAsyncLifetime
{
    private const int Resident = 9;
    private TestNetwork _network = null!;
    private string _person = "";

    public async Task InitializeAsync()
    {
        _network = await TestNetwork.StartAsync();
        await _network.ProvideableResidentAsync(Resident);
        _person = _network.Population.InternalAddressNumberOf(Resident, HitachinakaPrefix);
        var forge = new PermitForge(_network);
        var provision = new Contracts.V1.Provision.ProvisionClient(
            _network.Channel(_network.Hitachi, "hub-as-client", new PeerIdentity(HubCode, Roles.Network, "provision-network")));
        for (var i = 0; i < 3; i++)
        {
            var permit = forge.Permit(i == 1 ? Resident + 1 : Resident);
            await provision.ProvideAsync(PermitForge.Inquiry(permit, forge.Sign(permit)));
        }
    }

    public async Task DisposeAsync() => await _network.DisposeAsync();

    private Records.RecordsClient As(string role) => new(_network.Staff(_network.Hitachi, role));

    private Task<DiscloseResponse> DiscloseAsync(string role, string from = "", string to = "") =>
        As(role).DiscloseAsync(new DiscloseRequest { InternalAddressNumber = _person, FromDate = from, ToDate = to }).ResponseAsync;

    [Fact(Timeout = 120_000)]
    public async Task The_persons_own_exchanges_are_disclosed_in_words_with_the_inquirer_named()
    {
        var disclosed = await DiscloseAsync(Roles.Reviewer);

        Assert.Equal(2, disclosed.Exchanges.Count);
        var first = disclosed.Exchanges[0];
        var today = JapanDate.Of(DateTimeOffset.UtcNow);
        Assert.Equal((Mito, "水戸市長", "骨粗鬆症検診情報", AffairName, LegalBasis, Outcome.Provided),
            (first.OtherInstitutionCode, first.OtherInstitutionName, first.InformationName, first.AffairName, first.LegalBasis, first.Outcome));
        Assert.Equal((WarekiDate.Gregorian(today), WarekiDate.Era(today)), (first.DateInWords, first.DateInEra));
        Assert.StartsWith("令和", first.DateInEra, StringComparison.Ordinal);
        Assert.Equal("情報を提供しました。", first.OutcomeInWords);
        Assert.Equal("水戸市長からの照会を受け、あなたの骨粗鬆症検診情報について回答しました。", first.Summary);
        Assert.Equal("", first.NonDisclosureReason);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_period_without_exchanges_discloses_none_and_an_inverted_or_malformed_request_is_refused()
    {
        var today = JapanDate.Of(DateTimeOffset.UtcNow);
        var before = await DiscloseAsync(Roles.Reviewer, to: today.AddDays(-1).ToString("yyyy-MM-dd"));
        var sameDay = await DiscloseAsync(Roles.Reviewer, from: today.ToString("yyyy-MM-dd"), to: today.ToString("yyyy-MM-dd"));
        var inverted = await Assert.ThrowsAsync<RpcException>(() => DiscloseAsync(Roles.Reviewer, from: "2026-11-28", to: "2026-11-01"));
        var malformed = await Assert.ThrowsAsync<RpcException>(() =>
            As(Roles.Reviewer).DiscloseAsync(new DiscloseRequest { InternalAddressNumber = "08221-bad" }).ResponseAsync);

        Assert.Empty(before.Exchanges);
        Assert.Equal(2, sameDay.Exchanges.Count);
        Assert.Equal((StatusCode.InvalidArgument, ErrorReasons.PeriodInverted), (inverted.StatusCode, DomainStatus.ToDomainException(inverted).Reason));
        Assert.Equal(StatusCode.InvalidArgument, malformed.StatusCode);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_withheld_record_is_left_out_for_staff_and_shown_with_its_mark_to_auditors()
    {
        var exchange = (await DiscloseAsync(Roles.Reviewer)).Exchanges[1];
        var sequence = exchange.Sequence;

        var mark = await As(Roles.Administrator).MarkNonDisclosureAsync(
            new MarkNonDisclosureRequest { Node = exchange.Node, Sequence = sequence, Reason = "支援措置" });
        var forStaff = await DiscloseAsync(Roles.Reviewer);
        var forAuditors = await DiscloseAsync(Roles.Auditor);

        Assert.Equal(("支援措置", "staff-" + Roles.Administrator, "node-1"), (mark.Reason, mark.MarkedBy, mark.Node));
        Assert.DoesNotContain(forStaff.Exchanges, e => e.Sequence == sequence);
        Assert.Single(forStaff.Exchanges);
        Assert.Equal("支援措置", Assert.Single(forAuditors.Exchanges, e => e.Sequence == sequence).NonDisclosureReason);
        var logged = (await As(Roles.Auditor).ListOperationsAsync(new ListOperationsRequest { Rpc = "/linkage.v1.Records/MarkNonDisclosure" })).Operations;
        Assert.Equal(OperationOutcome.Done, Assert.Single(logged).Outcome);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_mark_on_an_unknown_record_twice_or_without_a_reason_is_refused_and_changes_nothing()
    {
        var admin = As(Roles.Administrator);
        var sequence = (await DiscloseAsync(Roles.Reviewer)).Exchanges[0].Sequence;
        await admin.MarkNonDisclosureAsync(new MarkNonDisclosureRequest { Node = "node-1", Sequence = sequence, Reason = "裁判所の命令" });

        var cases = new (MarkNonDisclosureRequest Request, StatusCode Status, string Reason)[]
        {
            (new() { Node = "node-1", Sequence = 9_999, Reason = "x" }, StatusCode.NotFound, ErrorReasons.RecordNotFound),
            (new() { Node = "node-2", Sequence = sequence, Reason = "x" }, StatusCode.NotFound, ErrorReasons.RecordNotFound),
            (new() { Node = "node-1", Sequence = sequence, Reason = "again" }, StatusCode.AlreadyExists, ErrorReasons.RecordAlreadyMarked),
            (new() { Node = "node-1", Sequence = sequence + 1, Reason = " " }, StatusCode.InvalidArgument, ErrorReasons.MissingField),
            (new() { Node = "node-1", Sequence = 0, Reason = "x" }, StatusCode.InvalidArgument, ErrorReasons.InvalidArgument),
            (new() { Sequence = sequence + 1, Reason = "x" }, StatusCode.InvalidArgument, ErrorReasons.MissingField),
            (new() { Node = "NODE 1", Sequence = sequence + 1, Reason = "x" }, StatusCode.InvalidArgument, ErrorReasons.InvalidArgument),
        };
        foreach (var (request, status, reason) in cases)
        {
            var refused = await Assert.ThrowsAsync<RpcException>(() => admin.MarkNonDisclosureAsync(request).ResponseAsync);
            Assert.Equal((request.ToString(), status, reason), (request.ToString(), refused.StatusCode, DomainStatus.ToDomainException(refused).Reason));
        }
        var refusedReviewer = await Assert.ThrowsAsync<RpcException>(() =>
            As(Roles.Reviewer).MarkNonDisclosureAsync(new MarkNonDisclosureRequest { Node = "node-1", Sequence = sequence + 1, Reason = "x" }).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, refusedReviewer.StatusCode);
        var forAuditors = await DiscloseAsync(Roles.Auditor);
        Assert.Equal(["裁判所の命令", ""], forAuditors.Exchanges.Select(e => e.NonDisclosureReason));
        var refusals = (await As(Roles.Auditor).ListOperationsAsync(new ListOperationsRequest { Rpc = "/linkage.v1.Records/MarkNonDisclosure" })).Operations;
        Assert.Equal(8, refusals.Count(o => o.Outcome == OperationOutcome.Refused)); // the seven above and the reviewer
    }
}
