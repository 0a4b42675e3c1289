using System.Security.Cryptography;
using System.Text;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Linkage.Contracts.Network.V1;
using Linkage.Crypto;
using Linkage.Domain.Codes;
using Linkage.Domain.Errors;
using Linkage.Domain.Permits;
using Linkage.Network.Client;
using DomainEntry = Linkage.Domain.Permits.PermittedEntry;
using DomainList = Linkage.Domain.Permits.PermittedList;

namespace Linkage.Fuzz;

/// <summary>
/// The provider's reading of a permit, behind the signature: the input is taken as the permit's bytes and signed with
/// the hub's key, as a hub that signs whatever it is given would, so that the fuzzer reaches the parser and the rules
/// and not only the signature check (a change to signed bytes is refused first; the properties show that).
/// </summary>
public static class PermitTarget
{
    public const string KeyId = "hub-fuzz-1";
    public const string Provider = "1000082210000000";
    public const string Inquirer = "1000082015000000";
    public const string Affair = "JM00000000000139";
    public const string Procedure = "JT00000000013901";
    public const string InformationName = "TM00000000013903";
    public const long ListVersion = 2;
    public const long WithdrawnVersion = 1;

    /// <summary>The fixed moment the fuzzer checks permits at: a run must not depend on the clock.</summary>
    public static readonly DateTimeOffset Now = new(2026, 4, 1, 3, 0, 0, TimeSpan.Zero);

    private static readonly TimeSpan MaxClockSkew = TimeSpan.FromSeconds(30);
    // A fixed key: an input must mean the same thing in every run, and the replay must reproduce a crash.
    private static readonly byte[] HubPrivateKey = SHA256.HashData(Encoding.ASCII.GetBytes("linkage fuzz hub key"));
    private static readonly Ed25519SignatureSigner Signer = new(HubPrivateKey, KeyId);
    private static readonly SignedPermitVerifier Verifier = new(new Ed25519SignatureVerifier(Ed25519Keys.PublicKeyOf(HubPrivateKey), KeyId));

    private static readonly DomainList List = new(ListVersion, Now.AddDays(-1),
        [new DomainEntry(Inquirer, AffairCode.Parse(Affair), ProcedureCode.Parse(Procedure), InstitutionCode.Parse(Provider),
            InformationNameCode.Parse(InformationName), "番号法第19条第8号 別表139の項", new DateOnly(2026, 1, 1), null)],
        new Dictionary<string, IReadOnlySet<string>>(), new HashSet<long> { WithdrawnVersion });

    private static readonly HashSet<string> Documented = new(StringComparer.Ordinal)
    {
        ErrorReasons.PermitMalformed, ErrorReasons.PermitWrongAudience, ErrorReasons.PermitNotYetValid,
        ErrorReasons.PermitExpired, ErrorReasons.PermitListWithdrawn, ErrorReasons.InquiryNotPermitted,
    };

    public static FuzzOutcome Run(byte[] input)
    {
        PermitClaims claims;
        try
        {
            claims = Verifier.Verify(Sign(input));
            PermitRules.Check(claims, InstitutionCode.Parse(Provider), Now, MaxClockSkew, List);
        }
        catch (DomainException refusal) when (Documented.Contains(refusal.Reason))
        {
            return FuzzOutcome.Refuse(refusal.Reason);
        }
        catch (Exception other)
        {
            throw new FuzzFindingException($"The permit was not refused with a documented reason: {other.GetType().Name}: {other.Message}", other);
        }

        // An accepted permit reads the same from its canonical encoding: nothing in it depends on field order,
        // repeated fields or unknown fields that a re-encoding would drop.
        var canonical = Verifier.Verify(Sign(Permit.Parser.ParseFrom(input).ToByteArray()));
        if (!SameClaims(claims, canonical))
            throw new FuzzFindingException("An accepted permit reads differently once re-encoded.");
        return FuzzOutcome.Accept;
    }

    private static SignedPermitData Sign(byte[] permit) => new(permit, Signer.Sign(permit), KeyId);

    private static bool SameClaims(PermitClaims a, PermitClaims b) =>
        a with { InquirerPublicKey = [] } == b with { InquirerPublicKey = [] } && a.InquirerPublicKey.AsSpan().SequenceEqual(b.InquirerPublicKey);

    /// <summary>The seed corpus: one permit accepted, and one for each rule that refuses it.</summary>
    public static IReadOnlyList<(string Name, byte[] Input)> Seeds()
    {
        var valid = ValidPermit();
        return
        [
            ("accepted", valid.ToByteArray()),
            ($"refused-{ErrorReasons.PermitExpired}", With(valid, p => p.ExpiresAt = Timestamp.FromDateTimeOffset(Now.AddMinutes(-5)))),
            ($"refused-{ErrorReasons.PermitNotYetValid}", With(valid, p => p.IssuedAt = Timestamp.FromDateTimeOffset(Now.AddMinutes(5)))),
            ($"refused-{ErrorReasons.PermitWrongAudience}", With(valid, p => p.ProviderInstitutionCode = Inquirer)),
            ($"refused-{ErrorReasons.PermitListWithdrawn}", With(valid, p => p.ListVersion = WithdrawnVersion)),
            ($"refused-{ErrorReasons.InquiryNotPermitted}", With(valid, p => p.InformationNameCode = "TM00000000013904")),
            ($"refused-{ErrorReasons.PermitMalformed}", With(valid, p => p.InquirerPublicKey = ByteString.Empty)),
        ];
    }

    /// <summary>A permit the target accepts at <see cref="Now"/>.</summary>
    public static Permit ValidPermit() => new()
    {
        PermitId = "0f5c2a9e8d7b4c3a9e1f2d3c4b5a6978",
        InquiryId = "7a6b5c4d3e2f10a9b8c7d6e5f4a3b2c1",
        InquirerInstitutionCode = Inquirer,
        ProviderInstitutionCode = Provider,
        AffairCode = Affair,
        ProcedureCode = Procedure,
        InformationNameCode = InformationName,
        ProviderSymbol = "S0123456789abcdefABCDEF",
        InquirerPublicKey = ByteString.CopyFrom(Enumerable.Range(1, AnswerEnvelope.KeyLength).Select(i => (byte)i).ToArray()),
        IssuedAt = Timestamp.FromDateTimeOffset(Now.AddSeconds(-10)),
        ExpiresAt = Timestamp.FromDateTimeOffset(Now.AddMinutes(2)),
        ListVersion = ListVersion,
        LegalBasis = "番号法第19条第8号 別表139の項",
        Route = new Route { Relay = "fuzz", ReplyToInstitutionCode = Inquirer },
    };

    private static byte[] With(Permit valid, Action<Permit> change)
    {
        var permit = valid.Clone();
        change(permit);
        return permit.ToByteArray();
    }
}
