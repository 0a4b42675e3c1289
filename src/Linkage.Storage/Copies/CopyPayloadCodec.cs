using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Linkage.Crypto;
using Linkage.Domain.Copies;
using Linkage.Storage.Entities;

namespace Linkage.Storage.Copies;

/// <summary>
/// Item values in and out of a row's encrypted payload. The associated data names the row (institution, person,
/// information name, record key, version), so a ciphertext copied onto another row does not decrypt.
/// The plaintext is a JSON array of [item code, value] pairs.
/// </summary>
public sealed class CopyPayloadCodec(AtRestCipher cipher)
{
    public string ActiveKeyId => cipher.ActiveKeyId;

    public byte[] Seal(CopyRow row, IReadOnlyList<ItemEntry> items) =>
        Seal(row.InstitutionCode, row.InternalAddressNumber, row.InformationNameCode, row.RecordKey, row.Version, items);

    public byte[] Seal(string institution, string person, string name, string recordKey, int version, IReadOnlyList<ItemEntry> items) =>
        cipher.Encrypt(Plaintext(items).WrittenSpan, AssociatedData(institution, person, name, recordKey, version));

    /// <summary>The bulk path's form: no entity, and one AES key schedule for a whole chunk (see <see cref="AtRestCipher.CreateSealer"/>).</summary>
    public byte[] Seal(AtRestCipher.Sealer sealer, string institution, string person, string name, string recordKey, int version, IReadOnlyList<ItemEntry> items)
    {
        var plaintext = Plaintext(items).WrittenSpan;
        var output = new byte[AtRestCipher.SealedLength(plaintext.Length)];
        sealer.Encrypt(plaintext, AssociatedData(institution, person, name, recordKey, version), output);
        return output;
    }

    public AtRestCipher.Sealer CreateSealer() => cipher.CreateSealer();

    private static ArrayBufferWriter<byte> Plaintext(IReadOnlyList<ItemEntry> items)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var item in items)
            {
                json.WriteStartArray();
                json.WriteStringValue(item.ItemCode);
                json.WriteStringValue(item.Value);
                json.WriteEndArray();
            }
            json.WriteEndArray();
        }
        return buffer;
    }

    public IReadOnlyList<ItemEntry> Open(CopyRow row)
    {
        var plaintext = cipher.Decrypt(row.KeyId, row.Payload,
            AssociatedData(row.InstitutionCode, row.InternalAddressNumber, row.InformationNameCode, row.RecordKey, row.Version));
        var pairs = JsonSerializer.Deserialize<string[][]>(plaintext) ?? [];
        return pairs.Select(p => new ItemEntry(p[0], p[1])).ToList();
    }

    private static byte[] AssociatedData(string institution, string person, string name, string recordKey, int version) =>
        Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{institution}|{person}|{name}|{recordKey}|{version}"));
}
