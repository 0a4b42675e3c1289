using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Linkage.Domain.Answers;
using Linkage.Domain.Codes;
using Linkage.Domain.Records;
using Linkage.Domain.Staff;

namespace Linkage.Crypto.Tests;

/// <summary>
/// Both chains hash exactly the documented encoding: previous hash, sequence and time as big-endian 64-bit numbers, then
/// each field as a 32-bit big-endian length and its UTF-8 bytes (enums as decimal text). Written out here the slow,
/// obvious way, so an optimisation of the hashers cannot silently change what a verifier must recompute.
/// </summary>
public sealed class ChainEncodingTests
{
    [Fact]
    public void A_record_hashes_its_documented_encoding()
    {
        var entry = new ProvisionRecordEntry(DateTimeOffset.FromUnixTimeMilliseconds(1_790_000_000_123), RecordDirection.Outgoing,
            "inq-1", "permit-1", "1000082015000000", "1000082210000000", "JM00000000000139", "JT00000000013901",
            "TM00000000013903", "番号法第19条第8号 別表139の項", ProvisionOutcome.NotProvided, "NO_DATA",
            InternalAddressNumber.Parse("082210000000007"));
        var previous = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();

        var expected = Reference(previous, 42, entry.RecordedAt, [((int)entry.Direction).ToString(), entry.InquiryId, entry.PermitId,
            entry.InquirerInstitution, entry.ProviderInstitution, entry.Affair, entry.Procedure, entry.InformationName, entry.LegalBasis,
            ((int)entry.Outcome).ToString(), entry.Reason, "082210000000007"], trailer: -1);
        // The permit expiry that the replay guard reloads, as milliseconds; -1 for a record that used no permit.
        var used = entry with { PermitExpiresAt = DateTimeOffset.FromUnixTimeMilliseconds(1_790_000_120_123) };
        var expectedUsed = Reference(previous, 42, entry.RecordedAt, [((int)entry.Direction).ToString(), entry.InquiryId, entry.PermitId,
            entry.InquirerInstitution, entry.ProviderInstitution, entry.Affair, entry.Procedure, entry.InformationName, entry.LegalBasis,
            ((int)entry.Outcome).ToString(), entry.Reason, "082210000000007"], trailer: 1_790_000_120_123);

        Assert.Equal(expected, RecordHasher.Sha256.Hash(previous, 42, entry));
        Assert.Equal(expectedUsed, RecordHasher.Sha256.Hash(previous, 42, used));
    }

    [Fact]
    public void An_operation_hashes_its_documented_encoding_even_when_long()
    {
        var entry = new OperationEntry(DateTimeOffset.FromUnixTimeMilliseconds(1_790_000_000_456), CallerKind.Staff, "staff-0001",
            "session-1", "/linkage.v1.Records/Disclose", "records:" + string.Join(',', Enumerable.Range(1, 1000)),
            OperationOutcome.Refused, "INFORMATION_NAME_NOT_ALLOWED");
        var previous = new byte[32];

        var expected = Reference(previous, 7, entry.At, [((int)entry.ActorKind).ToString(), entry.ActorId, entry.SessionId, entry.Rpc,
            entry.Target, ((int)entry.Outcome).ToString(), entry.Reason]);

        Assert.Equal(expected, OperationHasher.Sha256.Hash(previous, 7, entry));
        Assert.NotEqual(expected, OperationHasher.Sha256.Hash(previous, 7, entry with { Target = "" }));
    }

    private static byte[] Reference(byte[] previous, long sequence, DateTimeOffset at, string[] fields, long? trailer = null)
    {
        var bytes = new List<byte>(previous);
        var number = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(number, sequence);
        bytes.AddRange(number);
        BinaryPrimitives.WriteInt64BigEndian(number, at.ToUnixTimeMilliseconds());
        bytes.AddRange(number);
        foreach (var field in fields)
        {
            var text = Encoding.UTF8.GetBytes(field);
            var length = new byte[4];
            BinaryPrimitives.WriteInt32BigEndian(length, text.Length);
            bytes.AddRange(length);
            bytes.AddRange(text);
        }
        if (trailer is { } value)
        {
            BinaryPrimitives.WriteInt64BigEndian(number, value);
            bytes.AddRange(number);
        }
        return SHA256.HashData(bytes.ToArray());
    }
}
