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
        // A signature says who wrote the list, not that it is well formed: a hub's bug costs that list, never the gateway.
        try { return ToDomain(WireList.Parser.ParseFrom(list)); }
        catch (Exception error) when (error is InvalidProtocolBufferException or FormatException or DomainException { Kind: ErrorKind.InvalidArgument })
        {
            throw new DomainException(ErrorKind.FailedPrecondition, ErrorReasons.PermitMalformed, "The permitted list cannot be read.");
        }
    }

    /// <summary>The list in the domain's form; throws <see cref="FormatException"/> or an invalid-argument refusal when a field is not well formed.</summary>
    public static DomainList ToDomain(WireList wire) => new(
        wire.Version,
        wire.IssuedAt is null ? DateTimeOffset.MinValue : WireTime.Read(wire.IssuedAt) ?? throw new FormatException("The list's time is out of range."),
        wire.Entries.Select(e => new DomainEntry(
            e.InquirerInstitutionCode,
            AffairCode.Parse(e.AffairCode),
            ProcedureCode.Parse(e.ProcedureCode),
            InstitutionCode.Parse(e.ProviderInstitutionCode),
            InformationNameCode.Parse(e.InformationNameCode),
            e.LegalBasis,
            DateOnly.ParseExact(e.ValidFrom, "yyyy-MM-dd", CultureInfo.InvariantCulture),
            string.IsNullOrEmpty(e.ValidTo) ? null : DateOnly.ParseExact(e.ValidTo, "yyyy-MM-dd", CultureInfo.InvariantCulture))).ToList(),
        Classes(wire),
        wire.WithdrawnVersions.ToHashSet(),
        new Domain.Permits.NetworkDirectory(wire.Directory.GroupBy(d => d.Code, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Name, StringComparer.Ordinal)));

    private static Dictionary<string, IReadOnlySet<string>> Classes(WireList wire)
    {
        var classes = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        foreach (var c in wire.Classes)
            if (!classes.TryAdd(c.Name, c.InstitutionCodes.ToHashSet(StringComparer.Ordinal)))
                throw new FormatException("A class of institutions is listed twice.");
        return classes;
    }
}
