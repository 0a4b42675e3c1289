namespace Linkage.Domain.Review;

/// <summary>One step in a held response's history: approve, decline, extend (the deadline), with who, why and when.</summary>
public sealed record ReviewEntry(string PermitId, string StaffId, string Decision, string Reason, DateTimeOffset At)
{
    public const string Approve = "approve";
    public const string FirstApproval = "first-approval";
    public const string Decline = "decline";
    public const string Extend = "extend";
}
