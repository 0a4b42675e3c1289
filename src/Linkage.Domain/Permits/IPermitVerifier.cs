namespace Linkage.Domain.Permits;

/// <summary>
/// Checks the hub's signature with the key from configuration (never a key carried by a message) and only then
/// parses the permit. Throws <c>PERMIT_SIGNATURE_INVALID</c> or <c>PERMIT_MALFORMED</c>.
/// </summary>
public interface IPermitVerifier
{
    /// <param name="signedPermit">Null when the inquiry carried no permit: refused as malformed.</param>
    PermitClaims Verify(SignedPermitData? signedPermit);
}
