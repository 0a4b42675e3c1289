using Linkage.Domain.Codes;
using Linkage.Domain.Errors;

namespace Linkage.Domain.Permits;

/// <summary>
/// The provider's checks of a permit whose signature is already verified: audience, time window with
/// bounded clock skew, withdrawn list version, and the local permitted list. Replay is checked after these,
/// by the caller, so that a refused permit does not burn its id.
/// </summary>
public static class PermitRules
{
    public static PermittedEntry Check(PermitClaims permit, InstitutionCode self, DateTimeOffset now,
        TimeSpan maxClockSkew, PermittedList list)
    {
        if (permit.Provider != self)
            throw new DomainException(ErrorKind.PermissionDenied, ErrorReasons.PermitWrongAudience,
                "The permit names another provider.");
        if (now + maxClockSkew < permit.IssuedAt)
            throw new DomainException(ErrorKind.FailedPrecondition, ErrorReasons.PermitNotYetValid,
                "The permit is not valid yet.");
        if (now - maxClockSkew >= permit.ExpiresAt)
            throw new DomainException(ErrorKind.FailedPrecondition, ErrorReasons.PermitExpired,
                "The permit has expired.");
        if (list.IsWithdrawn(permit.ListVersion))
            throw new DomainException(ErrorKind.FailedPrecondition, ErrorReasons.PermitListWithdrawn,
                $"The permit was issued under list version {permit.ListVersion}, which is withdrawn.");
        return list.Require(permit.Inquirer, permit.Affair, permit.Procedure, permit.Provider,
            permit.InformationName, JapanDate.Of(now));
    }
}
