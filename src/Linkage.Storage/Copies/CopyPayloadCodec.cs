using System.Text;
using System.Text.Json;
using Linkage.Crypto;
using Linkage.Domain.Copies;
using Linkage.Storage.Entities;

namespace Linkage.Storage.Copies;

/// <summary>
/// Item values in and out of a row's encrypted payload. The associated data names the row (institution, person,
/// information name, record key, version), so a ciphertext copied onto another row does not decrypt.
/// </summary>
public sealed class CopyPayloadCodec(AtRestCipher cipher)
{
    public string ActiveKeyId => cipher.ActiveKeyId;

    public byte[] Seal(CopyRow row, IReadOnlyList<ItemEntry> items)
    {
        var pairs = items.Select(i => new[] { i.ItemCode, i.Value }).ToArray();
        return cipher.Encrypt(JsonSerializer.SerializeToUtf8Bytes(pairs), AssociatedData(row));
    }

    public IReadOnlyList<ItemEntry> Open(CopyRow row)
    {
        var plaintext = cipher.Decrypt(row.KeyId, row.Payload, AssociatedData(row));
        var pairs = JsonSerializer.Deserialize<string[][]>(plaintext) ?? [];
        return pairs.Select(p => new ItemEntry(p[0], p[1])).ToList();
    }

    private static byte[] AssociatedData(CopyRow row) => Encoding.UTF8.GetBytes(
        $"{row.InstitutionCode}|{row.InternalAddressNumber}|{row.InformationNameCode}|{row.RecordKey}|{row.Version}");
}
