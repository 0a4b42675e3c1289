using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Linkage.Contracts.Network.V1;
using Linkage.Crypto;
using Linkage.Domain.Errors;
using Linkage.Network.Client;
using static Linkage.PropertyBased.Tests.Generators;
using WireList = Linkage.Contracts.Network.V1.PermittedList;

namespace Linkage.PropertyBased.Tests;

/// <summary>The hub's signed permitted list: read whole when signed, refused when any bit changed, and never a stray exception.</summary>
public sealed class PermittedListCodecProperties
{
    private const string KeyId = "hub-property-1";
    private static readonly (byte[] PrivateKey, byte[] PublicKey) HubKey = Ed25519Keys.Generate();
    private static readonly Ed25519SignatureSigner Signer = new(HubKey.PrivateKey, KeyId);
    private static readonly PermittedListCodec Codec = new(new Ed25519SignatureVerifier(HubKey.PublicKey, KeyId));

    private static Gen<PermittedEntry> Entry =>
        from inquirer in Gen.OneOf(Institution, AsciiAlphanumeric(1, 20).Select(n => Domain.Permits.PermittedList.ClassPrefix + n))
        from affair in Code("JM", 14)
        from procedure in Code("JT", 14)
        from provider in Institution
        from name in Code("TM", 14)
        from basis in Text
        from from_ in Day
        from to in Gen.OneOf(Gen.Constant(""), Day.Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)))
        select new PermittedEntry
        {
            InquirerInstitutionCode = inquirer, AffairCode = affair, ProcedureCode = procedure, ProviderInstitutionCode = provider,
            InformationNameCode = name, LegalBasis = basis, ValidFrom = from_.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ValidTo = to,
        };

    /// <summary>Lists as the hub publishes them: class names and directory codes each once.</summary>
    private static Gen<WireList> ValidList =>
        from version in ArbMap.Default.GeneratorFor<long>()
        from issued in Gen.Choose(0, int.MaxValue)
        from entries in Gen.ListOf(Entry)
        from withdrawn in Gen.ListOf(ArbMap.Default.GeneratorFor<long>())
        from classes in Gen.ListOf(Gen.Zip(AsciiAlphanumeric(1, 20), Gen.ListOf(Institution)))
        from directory in Gen.ListOf(Gen.Zip(Gen.OneOf(Institution, Code("JM", 14)), Text))
        select new WireList
        {
            Version = version,
            IssuedAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UnixEpoch.AddSeconds(issued)),
            Entries = { entries },
            WithdrawnVersions = { withdrawn },
            Classes = { classes.DistinctBy(c => c.Item1).Select(c => new InstitutionClass { Name = "class:" + c.Item1, InstitutionCodes = { c.Item2 } }) },
            Directory = { directory.DistinctBy(d => d.Item1).Select(d => new DirectoryEntry { Code = d.Item1, Name = d.Item2 }) },
        };

    private static byte[] Sign(byte[] list) => Signer.Sign(list);

    [Property]
    public FsCheck.Property A_list_signed_by_the_hub_reads_back_whole() => Prop.ForAll(ValidList.ToArbitrary(), wire =>
    {
        var bytes = wire.ToByteArray();
        var list = Codec.Read(bytes, Sign(bytes), KeyId);
        Assert.Equal((wire.Version, wire.IssuedAt.ToDateTimeOffset()), (list.Version, list.IssuedAt));
        Assert.Equal(
            wire.Entries.Select(e => (e.InquirerInstitutionCode, e.AffairCode, e.ProcedureCode, e.ProviderInstitutionCode, e.InformationNameCode,
                e.LegalBasis, e.ValidFrom, e.ValidTo)),
            list.Entries.Select(e => (e.Inquirer, e.Affair.Value, e.Procedure.Value, e.Provider.Value, e.InformationName.Value, e.LegalBasis,
                e.ValidFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), e.ValidTo?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "")));
        Assert.All(wire.WithdrawnVersions, v => Assert.True(list.IsWithdrawn(v)));
        Assert.All(wire.Directory, d => Assert.Equal(d.Name, list.Directory.NameOf(d.Code)));
        Assert.Equal(wire.Directory.Count, list.Directory.Count);
    });

    [Property]
    public FsCheck.Property Any_single_bit_changed_in_a_signed_list_is_refused_as_not_signed_by_the_hub() =>
        Prop.ForAll(Gen.Zip(ValidList, Gen.Choose(0, int.MaxValue)).ToArbitrary(), c =>
        {
            var bytes = c.Item1.ToByteArray();
            var signature = Sign(bytes);
            var bit = c.Item2 % ((bytes.Length + signature.Length) * 8);
            var refusal = Assert.Throws<DomainException>(() => bit < bytes.Length * 8
                ? Codec.Read(FlipBit(bytes, bit), signature, KeyId)
                : Codec.Read(bytes, FlipBit(signature, bit - bytes.Length * 8), KeyId));
            Assert.Equal(ErrorReasons.PermitSignatureInvalid, refusal.Reason);
        });

    [Property(MaxTest = 300)]
    public FsCheck.Property A_hub_signed_list_of_any_content_is_read_or_refused_as_malformed_and_never_otherwise() =>
        Prop.ForAll(Gen.OneOf(Bytes, AnyList.Select(l => l.ToByteArray())).ToArbitrary(), bytes =>
        {
            try { Codec.Read(bytes, Sign(bytes), KeyId); }
            catch (DomainException refusal)
            {
                Assert.Equal((ErrorKind.FailedPrecondition, ErrorReasons.PermitMalformed), (refusal.Kind, refusal.Reason));
            }
        });

    /// <summary>A valid list with one entry's fields, a class or a directory entry repeated, or its time, made anything.</summary>
    private static Gen<WireList> AnyList =>
        from list in ValidList
        from texts in Gen.ArrayOf(Gen.OneOf(AnyText, Text), 7)
        from time in Gen.Zip(ArbMap.Default.GeneratorFor<long>(), ArbMap.Default.GeneratorFor<int>())
        from which in Gen.Choose(0, 15)
        select Change(list, texts, time, which);

    private static WireList Change(WireList valid, string[] texts, (long Seconds, int Nanos) time, int which)
    {
        var list = valid.Clone();
        if ((which & 1) != 0)
            list.Entries.Add(new PermittedEntry
            {
                InquirerInstitutionCode = texts[0], AffairCode = texts[1], ProcedureCode = texts[2], ProviderInstitutionCode = texts[3],
                InformationNameCode = texts[4], ValidFrom = texts[5], ValidTo = texts[6],
            });
        if ((which & 2) != 0) list.Classes.AddRange([new InstitutionClass { Name = "class:same" }, new InstitutionClass { Name = "class:same" }]);
        if ((which & 4) != 0) list.Directory.AddRange([new DirectoryEntry { Code = texts[0], Name = "a" }, new DirectoryEntry { Code = texts[0], Name = "b" }]);
        if ((which & 8) != 0) list.IssuedAt = new Timestamp { Seconds = time.Seconds, Nanos = time.Nanos };
        return list;
    }
}
