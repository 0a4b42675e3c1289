using Google.Protobuf.WellKnownTypes;
using Linkage.Contracts.V1;
using Linkage.Domain.Copies;
using Linkage.Domain.Permits;
using Linkage.Domain.Review;
using Linkage.Domain.Staff;
using DomainDecline = Linkage.Domain.Review.DeclineReason;
using HeldSummary = Linkage.Contracts.V1.HeldSummary;
using DomainDelivery = Linkage.Domain.Review.DeliveryState;
using DomainState = Linkage.Domain.Review.HeldState;
using WireDecline = Linkage.Contracts.V1.DeclineReason;
using WireDelivery = Linkage.Contracts.V1.DeliveryState;
using WireState = Linkage.Contracts.V1.HeldState;

namespace Linkage.Gateway.Review;

/// <summary>Held responses as the Review service's messages.</summary>
internal static class ReviewMapping
{
    /// <summary>The list a reviewer asked for, within the information names they may act on.</summary>
    public static HeldFilter ToFilter(ListHeldRequest request, Caller reviewer)
    {
        var names = reviewer.InformationNamesFor(request.InformationNameCode.Length > 0 ? request.InformationNameCode : null);
        return new HeldFilter(request.States.Select(ToDomain).ToList(), names,
            request.InquirerInstitutionCode.Length > 0 ? request.InquirerInstitutionCode : null, request.DeadlineBefore?.ToDateTimeOffset());
    }

    public static ListHeldResponse ToWire(HeldPage page)
    {
        var response = new ListHeldResponse { NextPageToken = page.NextPageToken ?? "" };
        response.Held.AddRange(page.Items.Select(ToWire));
        return response;
    }

    public static HeldSummary ToWire(Domain.Review.HeldSummary s) => new()
    {
        HeldId = s.PermitId,
        InquiryId = s.InquiryId,
        InquirerInstitutionCode = s.InquirerInstitution,
        InformationNameCode = s.InformationName.Value,
        HoldReason = s.HoldReason,
        ReceivedAt = Timestamp.FromDateTimeOffset(s.ReceivedAt),
        Deadline = Timestamp.FromDateTimeOffset(s.Deadline),
        Escalated = s.Escalated,
        State = ToWire(s.State),
        TwoPerson = s.TwoPerson,
        Delivery = s.Delivery switch
        {
            DomainDelivery.Pending => WireDelivery.Pending,
            DomainDelivery.Delivered => WireDelivery.Delivered,
            DomainDelivery.Parked => WireDelivery.Parked,
            _ => WireDelivery.Unspecified,
        },
    };

    public static HeldDetail ToWire(HeldResponse response, PermitClaims permit, IReadOnlyList<ReviewEntry> history,
        NetworkDirectory directory)
    {
        var detail = new HeldDetail
        {
            Summary = ToWire(new Domain.Review.HeldSummary(response.PermitId, response.InquiryId, permit.Inquirer.Value,
                response.InformationName, response.HoldReason, response.ReceivedAt, response.Deadline, response.Escalated,
                response.State, response.TwoPerson, response.Delivery)),
            InquirerInstitutionName = directory.NameOf(permit.Inquirer.Value),
            AffairCode = permit.Affair.Value,
            AffairName = directory.NameOf(permit.Affair.Value),
            ProcedureCode = permit.Procedure.Value,
            LegalBasis = permit.LegalBasis,
        };
        detail.History.AddRange(history.Select(h => new ReviewDecisionView
            { StaffId = h.StaffId, Decision = h.Decision, Reason = h.Reason, At = Timestamp.FromDateTimeOffset(h.At) }));
        return detail;
    }

    public static AnswerPreview ToWire(string heldId, IReadOnlyList<ProvisionCopy> copies)
    {
        var preview = new AnswerPreview { HeldId = heldId, HasData = copies.Count > 0 };
        preview.Records.AddRange(copies.Select(c =>
        {
            var record = new PreviewRecord { RecordKey = c.RecordKey, Version = c.Version };
            record.Items.AddRange(c.Items.Select(i => new PreviewItem { ItemCode = i.ItemCode, Value = i.Value }));
            return record;
        }));
        return preview;
    }

    public static DomainDecline? ToDomain(WireDecline reason) => reason switch
    {
        WireDecline.SupportMeasure => DomainDecline.SupportMeasure,
        WireDecline.NoData => DomainDecline.NoData,
        WireDecline.Other => DomainDecline.Other,
        _ => null,
    };

    private static DomainState ToDomain(WireState state) => state switch
    {
        WireState.FirstApproval => DomainState.FirstApproval,
        WireState.Approved => DomainState.Approved,
        WireState.Declined => DomainState.Declined,
        _ => DomainState.Waiting,
    };

    private static WireState ToWire(DomainState state) => state switch
    {
        DomainState.FirstApproval => WireState.FirstApproval,
        DomainState.Approved => WireState.Approved,
        DomainState.Declined => WireState.Declined,
        _ => WireState.Waiting,
    };
}
