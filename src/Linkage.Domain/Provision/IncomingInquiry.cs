using Linkage.Domain.Permits;

namespace Linkage.Domain.Provision;

/// <summary>An inquiry as relayed by the hub: its own header, which must agree with the permit, and the signed permit.</summary>
public sealed record IncomingInquiry(
    string InquiryId,
    string AffairCode,
    string ProcedureCode,
    string InformationNameCode,
    SignedPermitData? Permit);
