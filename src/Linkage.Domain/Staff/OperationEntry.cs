namespace Linkage.Domain.Staff;

/// <summary>
/// One entry of the operation log (操作ログ): who (kind, id, session), when, which RPC or session event, on what
/// target (record ids, a held item, a person's internal address number — kept in the database, never in text logs),
/// and how it ended.
/// </summary>
public sealed record OperationEntry(
    DateTimeOffset At,
    CallerKind ActorKind,
    string ActorId,
    string SessionId,
    string Rpc,
    string Target,
    OperationOutcome Outcome,
    string Reason)
{
    /// <summary>A call refused before it ran (authentication, a role, a session): who tried what, and why not.</summary>
    public static OperationEntry Refused(DateTimeOffset at, Caller caller, string rpc, string reason) =>
        new(at, caller.Kind, caller.Id, caller.SessionId ?? "", rpc, "", OperationOutcome.Refused, reason);

    /// <summary>The "RPC" of a session that ended without a call: time-outs, deactivation, a lost or revoked card.</summary>
    public static OperationEntry SessionEnded(StaffSession session, SessionEnd reason, DateTimeOffset at) =>
        new(at, CallerKind.Staff, session.StaffId, session.SessionId, "session/" + reason switch
        {
            SessionEnd.SignedOut => "signed-out",
            SessionEnd.IdleTimeout => "idle-timeout",
            SessionEnd.Expired => "expired",
            SessionEnd.Deactivated => "staff-deactivated",
            SessionEnd.CertificateUnbound => "certificate-unbound",
            SessionEnd.CertificateRevoked => "certificate-revoked",
            _ => "ended",
        }, "", OperationOutcome.Done, "");
}

public enum OperationOutcome
{
    Done = 1,
    Refused = 2,
    Failed = 3,
}
