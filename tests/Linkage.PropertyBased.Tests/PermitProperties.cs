using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Linkage.Contracts.Network.V1;
using Linkage.Crypto;
using Linkage.Domain.Errors;
using Linkage.Domain.Permits;
using Linkage.Network.Client;
using static Linkage.PropertyBased.Tests.Generators;

namespace Linkage.PropertyBased.Tests;

/// <summary>The provider's reading of a signed permit: the signature first, then every field, and nothing else thrown.</summary>
public sealed class PermitProperties
{
    private const string KeyId = "hub-property-1";
    private static readonly (byte[] PrivateKey, byte[] PublicKey) HubKey = Ed25519Keys.Generate();
    private static readonly Ed25519SignatureSigner Signer = new(HubKey.PrivateKey, KeyId);
    private static readonly SignedPermitVerifier Verifier = new(new Ed25519SignatureVerifier(HubKey.PublicKey, KeyId));

    private static Gen<Timestamp> Time =>
        Gen.Choose(0, int.MaxValue).Select(s => Timestamp.FromDateTimeOffset(new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero).AddSeconds(s)));

    /// <summary>Permits as the hub issues them: every field present and of its shape.</summary>
    private static Gen<Permit> ValidPermit =>
        from ids in Gen.Two(AsciiAlphanumeric(1, 40))
        from parties in Gen.Two(Institution)
        from affair in Code("JM", 14)
        from procedure in Code("JT", 14)
        from name in Code("TM", 14)
        from symbol in AsciiAlphanumeric(1, 64)
        from key in BytesOf(AnswerEnvelope.KeyLength)
        from times in Gen.Two(Time)
        from version in ArbMap.Default.GeneratorFor<long>()
        from basis in Text
        select new Permit
        {
            PermitId = ids.Item1, InquiryId = ids.Item2, InquirerInstitutionCode = parties.Item1, ProviderInstitutionCode = parties.Item2,
            AffairCode = affair, ProcedureCode = procedure, InformationNameCode = name, ProviderSymbol = symbol,
            InquirerPublicKey = ByteString.CopyFrom(key), IssuedAt = times.Item1, ExpiresAt = times.Item2, ListVersion = version,
            LegalBasis = basis,
        };

    /// <summary>Permits a hub could sign by mistake: any text in every field, times of any seconds and nanos, any key length.</summary>
    private static Gen<Permit> AnyPermit =>
        from permit in ValidPermit
        from texts in Gen.ArrayOf(Gen.OneOf(AnyText, Text), 8)
        from key in Bytes
        from seconds in Gen.Two(ArbMap.Default.GeneratorFor<long>())
        from nanos in Gen.Two(ArbMap.Default.GeneratorFor<int>())
        from which in Gen.Choose(0, 255)
        select Change(permit, texts, key, seconds, nanos, which);

    private static Permit Change(Permit valid, string[] texts, byte[] key, (long, long) seconds, (int, int) nanos, int which)
    {
        // Each bit of `which` replaces one group of fields, so most cases break one thing and some break many.
        var p = valid.Clone();
        if ((which & 1) != 0) (p.PermitId, p.InquiryId) = (texts[0], texts[1]);
        if ((which & 2) != 0) (p.InquirerInstitutionCode, p.ProviderInstitutionCode) = (texts[2], texts[3]);
        if ((which & 4) != 0) (p.AffairCode, p.ProcedureCode) = (texts[4], texts[5]);
        if ((which & 8) != 0) (p.InformationNameCode, p.ProviderSymbol) = (texts[6], texts[7]);
        if ((which & 16) != 0) p.InquirerPublicKey = ByteString.CopyFrom(key);
        if ((which & 32) != 0) p.IssuedAt = new Timestamp { Seconds = seconds.Item1, Nanos = nanos.Item1 };
        if ((which & 64) != 0) p.ExpiresAt = new Timestamp { Seconds = seconds.Item2, Nanos = nanos.Item2 };
        if ((which & 128) != 0) (p.IssuedAt, p.ExpiresAt) = (null, null);
        return p;
    }

    private static SignedPermitData Sign(byte[] permit) => new(permit, Signer.Sign(permit), KeyId);

    [Property]
    public FsCheck.Property A_permit_signed_by_the_hub_reads_back_every_field() => Prop.ForAll(ValidPermit.ToArbitrary(), permit =>
    {
        var claims = Verifier.Verify(Sign(permit.ToByteArray()));
        Assert.Equal(
            (permit.PermitId, permit.InquiryId, permit.InquirerInstitutionCode, permit.ProviderInstitutionCode, permit.AffairCode,
                permit.ProcedureCode, permit.InformationNameCode, permit.ProviderSymbol, permit.IssuedAt.ToDateTimeOffset(),
                permit.ExpiresAt.ToDateTimeOffset(), permit.ListVersion, permit.LegalBasis),
            (claims.PermitId, claims.InquiryId, claims.Inquirer.Value, claims.Provider.Value, claims.Affair.Value, claims.Procedure.Value,
                claims.InformationName.Value, claims.ProviderSymbol.Value, claims.IssuedAt, claims.ExpiresAt, claims.ListVersion, claims.LegalBasis));
        Assert.Equal(permit.InquirerPublicKey.ToByteArray(), claims.InquirerPublicKey);
    });

    [Property]
    public FsCheck.Property Any_single_bit_changed_in_a_signed_permit_is_refused_as_not_signed_by_the_hub() =>
        Prop.ForAll(ValidPermit.SelectMany(p => Gen.Choose(0, int.MaxValue), (p, n) => (p, n)).ToArbitrary(), c =>
        {
            var signed = Sign(c.p.ToByteArray());
            var keyId = System.Text.Encoding.UTF8.GetBytes(signed.KeyId);
            var bits = (signed.Permit.Length + signed.Signature.Length + keyId.Length) * 8;
            var bit = c.n % bits;
            var changed = bit < signed.Permit.Length * 8 ? signed with { Permit = FlipBit(signed.Permit, bit) }
                : (bit -= signed.Permit.Length * 8) < signed.Signature.Length * 8 ? signed with { Signature = FlipBit(signed.Signature, bit) }
                : signed with { KeyId = System.Text.Encoding.UTF8.GetString(FlipBit(keyId, bit - signed.Signature.Length * 8)) };
            var refusal = Assert.Throws<DomainException>(() => Verifier.Verify(changed));
            Assert.Equal((ErrorKind.Unauthenticated, ErrorReasons.PermitSignatureInvalid), (refusal.Kind, refusal.Reason));
        });

    [Property]
    public FsCheck.Property Arbitrary_signed_bytes_are_refused_as_not_signed_by_the_hub() =>
        Prop.ForAll(Gen.Zip(Bytes, Gen.OneOf(Bytes, BytesOf(Ed25519SignatureVerifier.SignatureLength))).Zip(Gen.OneOf(AnyText, Gen.Constant(KeyId))).ToArbitrary(), c =>
        {
            var refusal = Assert.Throws<DomainException>(() => Verifier.Verify(new SignedPermitData(c.Item1.Item1, c.Item1.Item2, c.Item2)));
            Assert.Equal(ErrorReasons.PermitSignatureInvalid, refusal.Reason);
        });

    [Property(MaxTest = 300)]
    public FsCheck.Property A_hub_signed_permit_of_any_content_is_read_or_refused_as_malformed_and_never_otherwise() =>
        Prop.ForAll(Gen.OneOf(AnyPermit.Select(p => p.ToByteArray()), Bytes, MutatedValidPermit).ToArbitrary(), bytes =>
        {
            try { Verifier.Verify(Sign(bytes)); }
            catch (DomainException refusal)
            {
                Assert.Equal((ErrorKind.InvalidArgument, ErrorReasons.PermitMalformed), (refusal.Kind, refusal.Reason));
            }
        });

    [Fact]
    public void A_permit_without_its_times_is_malformed()
    {
        var permit = ValidPermit.Sample(1, 1).Single();
        permit.ExpiresAt = null;
        Assert.Equal(ErrorReasons.PermitMalformed, Assert.Throws<DomainException>(() => Verifier.Verify(Sign(permit.ToByteArray()))).Reason);
    }

    /// <summary>A valid permit's bytes with a few overwritten, inserted or cut: what reaches the parser's corners.</summary>
    private static Gen<byte[]> MutatedValidPermit =>
        from permit in ValidPermit
        from edits in Gen.ListOf(from kind in Gen.Choose(0, 2) from at in Gen.Choose(0, int.MaxValue) from b in ArbMap.Default.GeneratorFor<byte>() select (kind, at, b))
        select edits.Aggregate(permit.ToByteArray().ToList(), (bytes, e) =>
        {
            var at = bytes.Count == 0 ? 0 : e.Item2 % bytes.Count;
            if (e.Item1 == 0 && bytes.Count > 0) bytes[at] = e.Item3;
            else if (e.Item1 == 1) bytes.Insert(at, e.Item3);
            else if (bytes.Count > 0) bytes.RemoveAt(at);
            return bytes;
        }).ToArray();
}
