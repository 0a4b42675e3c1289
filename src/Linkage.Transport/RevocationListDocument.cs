using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Linkage.Transport;

/// <summary>
/// A certificate revocation list (RFC 5280, PEM "X509 CRL") whose signature has been verified against our authority.
/// .NET builds CRLs (CertificateRevocationListBuilder) but neither verifies one nor lists its entries, so both are here.
/// </summary>
public sealed class RevocationListDocument
{
    public const string PemLabel = "X509 CRL";
    private const string CrlNumberOid = "2.5.29.20";

    private RevocationListDocument(BigInteger number, DateTimeOffset thisUpdate, DateTimeOffset? nextUpdate, IReadOnlyList<byte[]> serials)
    {
        Number = number;
        ThisUpdate = thisUpdate;
        NextUpdate = nextUpdate;
        RevokedSerials = serials;
    }

    public BigInteger Number { get; }
    public DateTimeOffset ThisUpdate { get; }
    public DateTimeOffset? NextUpdate { get; }

    /// <summary>The revoked serial numbers, big-endian as in the certificates (<see cref="X509Certificate.SerialNumberBytes"/>).</summary>
    public IReadOnlyList<byte[]> RevokedSerials { get; }

    public bool Lists(X509Certificate2 certificate) =>
        RevokedSerials.Any(serial => serial.AsSpan().SequenceEqual(certificate.SerialNumberBytes.Span));

    /// <exception cref="CryptographicException">Not a PEM CRL, malformed, or not signed by <paramref name="authority"/>.</exception>
    public static RevocationListDocument Read(string path, X509Certificate2 authority) => ParsePem(File.ReadAllText(path), authority);

    /// <inheritdoc cref="Read"/>
    public static RevocationListDocument ParsePem(string pem, X509Certificate2 authority)
    {
        if (!PemEncoding.TryFind(pem, out var fields) || pem[fields.Label] is not PemLabel)
            throw new CryptographicException($"Not a PEM \"{PemLabel}\".");
        return Parse(Convert.FromBase64String(pem[fields.Base64Data].ToString()), authority);
    }

    /// <inheritdoc cref="Read"/>
    public static RevocationListDocument Parse(ReadOnlySpan<byte> der, X509Certificate2 authority)
    {
        try
        {
            return ParseVerified(der.ToArray(), authority);
        }
        catch (AsnContentException error)
        {
            throw new CryptographicException("The revocation list is malformed.", error);
        }
    }

    private static RevocationListDocument ParseVerified(byte[] der, X509Certificate2 authority)
    {
        var list = new AsnReader(der, AsnEncodingRules.DER).ReadSequence();
        var tbs = list.ReadEncodedValue();
        var algorithm = ReadAlgorithm(list);
        var signature = list.ReadBitString(out _);
        list.ThrowIfNotEmpty();
        VerifySignature(authority, tbs.Span, algorithm, signature);

        var body = new AsnReader(tbs, AsnEncodingRules.DER).ReadSequence();
        if (body.PeekTag().HasSameClassAndValue(Asn1Tag.Integer)) body.ReadInteger();
        if (ReadAlgorithm(body) != algorithm) throw new CryptographicException("The revocation list names two signature algorithms.");
        if (!body.ReadEncodedValue().Span.SequenceEqual(authority.SubjectName.RawData))
            throw new CryptographicException("The revocation list was issued by another authority.");
        var thisUpdate = ReadTime(body);
        DateTimeOffset? nextUpdate = body.HasData && IsTime(body.PeekTag()) ? ReadTime(body) : null;

        var serials = new List<byte[]>();
        if (body.HasData && body.PeekTag().HasSameClassAndValue(Asn1Tag.Sequence))
        {
            var entries = body.ReadSequence();
            while (entries.HasData)
            {
                var entry = entries.ReadSequence();
                serials.Add(entry.ReadIntegerBytes().ToArray());
            }
        }
        var number = BigInteger.Zero;
        if (body.HasData)
        {
            var extensions = body.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0)).ReadSequence();
            while (extensions.HasData)
            {
                var extension = extensions.ReadSequence();
                var id = extension.ReadObjectIdentifier();
                if (extension.PeekTag().HasSameClassAndValue(Asn1Tag.Boolean)) extension.ReadBoolean();
                var value = extension.ReadOctetString();
                if (id == CrlNumberOid) number = new AsnReader(value, AsnEncodingRules.DER).ReadInteger();
            }
        }
        body.ThrowIfNotEmpty();
        return new RevocationListDocument(number, thisUpdate, nextUpdate, serials);
    }

    private static string ReadAlgorithm(AsnReader reader)
    {
        var algorithm = reader.ReadSequence();
        var oid = algorithm.ReadObjectIdentifier();
        if (algorithm.HasData) algorithm.ReadNull(); // RSA names its parameters as NULL; ECDSA has none
        algorithm.ThrowIfNotEmpty();
        return oid;
    }

    private static void VerifySignature(X509Certificate2 authority, ReadOnlySpan<byte> tbs, string algorithm, byte[] signature)
    {
        var usage = authority.Extensions.OfType<X509KeyUsageExtension>().FirstOrDefault();
        if (usage is not null && !usage.KeyUsages.HasFlag(X509KeyUsageFlags.CrlSign))
            throw new CryptographicException("The authority may not sign revocation lists.");
        var valid = algorithm switch
        {
            "1.2.840.10045.4.3.2" => VerifyEcdsa(authority, tbs, signature, HashAlgorithmName.SHA256),
            "1.2.840.10045.4.3.3" => VerifyEcdsa(authority, tbs, signature, HashAlgorithmName.SHA384),
            "1.2.840.10045.4.3.4" => VerifyEcdsa(authority, tbs, signature, HashAlgorithmName.SHA512),
            "1.2.840.113549.1.1.11" => VerifyRsa(authority, tbs, signature, HashAlgorithmName.SHA256),
            "1.2.840.113549.1.1.12" => VerifyRsa(authority, tbs, signature, HashAlgorithmName.SHA384),
            "1.2.840.113549.1.1.13" => VerifyRsa(authority, tbs, signature, HashAlgorithmName.SHA512),
            _ => throw new CryptographicException($"Unsupported signature algorithm {algorithm} on the revocation list."),
        };
        if (!valid) throw new CryptographicException("The revocation list's signature does not verify with our authority's key.");
    }

    private static bool VerifyEcdsa(X509Certificate2 authority, ReadOnlySpan<byte> tbs, byte[] signature, HashAlgorithmName hash)
    {
        using var key = authority.GetECDsaPublicKey() ?? throw new CryptographicException("The authority's key is not ECDSA.");
        return key.VerifyData(tbs, signature, hash, DSASignatureFormat.Rfc3279DerSequence);
    }

    private static bool VerifyRsa(X509Certificate2 authority, ReadOnlySpan<byte> tbs, byte[] signature, HashAlgorithmName hash)
    {
        using var key = authority.GetRSAPublicKey() ?? throw new CryptographicException("The authority's key is not RSA.");
        return key.VerifyData(tbs, signature, hash, RSASignaturePadding.Pkcs1);
    }

    private static bool IsTime(Asn1Tag tag) =>
        tag.HasSameClassAndValue(Asn1Tag.UtcTime) || tag.HasSameClassAndValue(Asn1Tag.GeneralizedTime);

    private static DateTimeOffset ReadTime(AsnReader reader) =>
        reader.PeekTag().HasSameClassAndValue(Asn1Tag.UtcTime) ? reader.ReadUtcTime() : reader.ReadGeneralizedTime();
}
