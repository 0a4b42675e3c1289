using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Linkage.Contracts.Network.V1;
using Linkage.Crypto;
using Linkage.Domain;
using Linkage.Domain.Codes;
using Linkage.Domain.Errors;
using Microsoft.Extensions.Options;

namespace Linkage.Network.Sim;

/// <summary>
/// 情報提供許可証: checks the permitted list for the calling inquirer, translates its symbol into the provider's,
/// and signs a short-lived permit naming both ends, the information, the inquirer's answer key and the route.
/// </summary>
public sealed class PermitIssuer(
    IOptions<HubOptions> options, PermittedListPublisher lists, SymbolDerivation symbols, Ed25519SignatureSigner signer, TimeProvider clock)
{
    public const string RelayName = "linkage-hub-sim";

    public SignedPermit Issue(string inquirerCode, PermitRequest request)
    {
        var inquirer = InstitutionCode.Parse(inquirerCode);
        var affair = AffairCode.Parse(request.AffairCode);
        var procedure = ProcedureCode.Parse(request.ProcedureCode);
        var name = InformationNameCode.Parse(request.InformationNameCode);
        var provider = InstitutionCode.Parse(request.ProviderInstitutionCode, "provider_institution_code");
        if (string.IsNullOrEmpty(request.InquiryId) || request.InquiryId.Length > 64)
            throw DomainException.InvalidField("inquiry_id", ErrorReasons.MissingField, "An inquiry id of at most 64 characters is required.");
        if (request.InquirerPublicKey.Length != AnswerEnvelope.KeyLength)
            throw DomainException.InvalidField("inquirer_public_key", ErrorReasons.InvalidArgument, "The answer key is an X25519 public key of 32 bytes.");

        var now = clock.GetUtcNow();
        var entry = lists.Current.Require(inquirer, affair, procedure, provider, name, JapanDate.Of(now));
        if (!options.Value.Institutions.Any(i => i.Code == provider.Value && i.Nodes.Count > 0))
            throw new DomainException(ErrorKind.NotFound, ErrorReasons.InquiryNotPermitted, "The provider is not reachable through this network.");
        var root = symbols.RootOf(inquirer.Value, request.InquirerSymbol) ?? throw new DomainException(
            ErrorKind.FailedPrecondition, ErrorReasons.SymbolUnknown, "The symbol was not issued to the inquiring institution.");

        var permit = new Permit
        {
            PermitId = Guid.NewGuid().ToString("N"),
            InquiryId = request.InquiryId,
            InquirerInstitutionCode = inquirer.Value,
            ProviderInstitutionCode = provider.Value,
            AffairCode = affair.Value,
            ProcedureCode = procedure.Value,
            InformationNameCode = name.Value,
            ProviderSymbol = symbols.SymbolFor(provider.Value, root),
            InquirerPublicKey = request.InquirerPublicKey,
            IssuedAt = Timestamp.FromDateTimeOffset(now),
            ExpiresAt = Timestamp.FromDateTimeOffset(now + options.Value.PermitLifetime),
            ListVersion = lists.Current.Version,
            LegalBasis = entry.LegalBasis,
            Route = new Contracts.Network.V1.Route { Relay = RelayName, ReplyToInstitutionCode = inquirer.Value },
        };
        return Sign(permit);
    }

    public SignedPermit Sign(Permit permit)
    {
        var bytes = permit.ToByteArray();
        return new SignedPermit { Permit = ByteString.CopyFrom(bytes), Signature = ByteString.CopyFrom(signer.Sign(bytes)), KeyId = signer.KeyId };
    }
}
