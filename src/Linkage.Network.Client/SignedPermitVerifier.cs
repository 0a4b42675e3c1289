using Google.Protobuf;
using Linkage.Contracts.Network.V1;
using Linkage.Crypto;
using Linkage.Domain.Codes;
using Linkage.Domain.Errors;
using Linkage.Domain.Permits;

namespace Linkage.Network.Client;

/// <summary>The provider's first check: the hub's signature, with the configured key, before a byte of the permit is read.</summary>
public sealed class SignedPermitVerifier(Ed25519SignatureVerifier hubKey) : IPermitVerifier
{
    public PermitClaims Verify(SignedPermitData? signedPermit)
    {
        if (signedPermit is null) throw Malformed();
        if (signedPermit.KeyId != hubKey.KeyId || !hubKey.Verify(signedPermit.Permit, signedPermit.Signature))
            throw new DomainException(ErrorKind.Unauthenticated, ErrorReasons.PermitSignatureInvalid,
                "The permit is not signed by the configured hub key.");
        try
        {
            var permit = Permit.Parser.ParseFrom(signedPermit.Permit);
            if (string.IsNullOrEmpty(permit.PermitId) || string.IsNullOrEmpty(permit.InquiryId)
                || permit.InquirerPublicKey.Length != AnswerEnvelope.KeyLength)
                throw Malformed();
            return new PermitClaims(
                permit.PermitId,
                permit.InquiryId,
                InstitutionCode.Parse(permit.InquirerInstitutionCode),
                InstitutionCode.Parse(permit.ProviderInstitutionCode),
                AffairCode.Parse(permit.AffairCode),
                ProcedureCode.Parse(permit.ProcedureCode),
                InformationNameCode.Parse(permit.InformationNameCode),
                Symbol.Parse(permit.ProviderSymbol),
                permit.InquirerPublicKey.ToByteArray(),
                WireTime.Read(permit.IssuedAt) ?? throw Malformed(),
                WireTime.Read(permit.ExpiresAt) ?? throw Malformed(),
                permit.ListVersion,
                permit.LegalBasis);
        }
        catch (Exception error) when (error is InvalidProtocolBufferException or DomainException { Kind: ErrorKind.InvalidArgument })
        {
            throw Malformed();
        }
    }

    private static DomainException Malformed() =>
        new(ErrorKind.InvalidArgument, ErrorReasons.PermitMalformed, "The permit is incomplete or cannot be read.");
}
