using System.Globalization;
using Google.Protobuf;
using Linkage.Contracts.Network.V1;
using Linkage.Crypto;
using Linkage.Domain.Codes;
using Linkage.Domain.Errors;
using DomainEntry = Linkage.Domain.Permits.PermittedEntry;
using DomainList = Linkage.Domain.Permits.PermittedList;
using WireList = Linkage.Contracts.Network.V1.PermittedList;

namespace Linkage.Network.Client;

/// <summary>Checks the hub's signature over a permitted list and only then reads it into the domain's form.</summary>
public sealed class PermittedListCodec(Ed25519SignatureVerifier hubKey)
{
    public DomainList Read(SignedPermittedList signedList) => Read(signedList.List.ToByteArray(), signedList.Signature.ToByteArray(), signedList.KeyId);

    public DomainList Read(byte[] list, byte[] signature, string keyId)
    {
        if (keyId != hubKey.KeyId || !hubKey.Verify(list, signature))
            throw new DomainException(ErrorKind.FailedPrecondition, ErrorReasons.PermitSignatureInvalid,
                "The permitted list is not signed by the configured hub key.");
        WireList wire;
        try { wire = WireList.Parser.ParseFrom(list); }
        catch (InvalidProtocolBufferException)
        {
            throw new DomainException(ErrorKind.FailedPrecondition, ErrorReasons.PermitMalformed, "The permitted list cannot be read.");
        }
        return ToDomain(wire);
    }

    public static DomainList ToDomain(WireList wire) => new(
        wire.Version,
        wire.IssuedAt?.ToDateTimeOffset() ?? DateTimeOffset.MinValue,
        wire.Entries.Select(e => new DomainEntry(
            e.InquirerInstitutionCode,
            AffairCode.Parse(e.AffairCode),
            ProcedureCode.Parse(e.ProcedureCode),
            InstitutionCode.Parse(e.ProviderInstitutionCode),
            InformationNameCode.Parse(e.InformationNameCode),
            e.LegalBasis,
            DateOnly.ParseExact(e.ValidFrom, "yyyy-MM-dd", CultureInfo.InvariantCulture),
            string.IsNullOrEmpty(e.ValidTo) ? null : DateOnly.ParseExact(e.ValidTo, "yyyy-MM-dd", CultureInfo.InvariantCulture))).ToList(),
        wire.Classes.ToDictionary(c => c.Name, c => (IReadOnlySet<string>)c.InstitutionCodes.ToHashSet(StringComparer.Ordinal)),
        wire.WithdrawnVersions.ToHashSet(),
        new Domain.Permits.NetworkDirectory(wire.Directory.GroupBy(d => d.Code, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Name, StringComparer.Ordinal)));
}
