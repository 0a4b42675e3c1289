using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using Linkage.Crypto;
using Linkage.Domain.Copies;
using Linkage.Domain.Keys;
using Linkage.Storage.Entities;
using Linkage.Storage.Keys;

namespace Linkage.Storage.Copies;

/// <summary>
/// Item values in and out of a row's encrypted payload. The associated data names the row (institution, person,
/// information name, record key, version), so a ciphertext copied onto another row does not decrypt.
/// The plaintext is a JSON array of [item code, value] pairs.
/// </summary>
public sealed class CopyPayloadCodec(InstitutionDataKeys keys)
{
    // Validated keys make at most 16 + 15 + 16 + 64 + 11 bytes and four separators; longer ones take the slow path.
    private const int AssociatedDataOnStack = 160;

    public string ActiveKeyId => keys.Cipher.ActiveKeyId;

    /// <summary>Refuses (INSTITUTION_KEY_UNAVAILABLE) where the institution's keys are not open, before anything is written.</summary>
    public void RequireKeys() => keys.Require();

    public byte[] Seal(CopyRow row, IReadOnlyList<ItemEntry> items) =>
        Seal(row.InstitutionCode, row.InternalAddressNumber, row.InformationNameCode, row.RecordKey, row.Version, items);

    public byte[] Seal(string institution, string person, string name, string recordKey, int version, IReadOnlyList<ItemEntry> items)
    {
        var plaintext = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(plaintext)) WritePlaintext(json, items);
        Span<byte> buffer = stackalloc byte[AssociatedDataOnStack];
        return keys.Cipher.Encrypt(plaintext.WrittenSpan, AssociatedData(buffer, institution, person, name, recordKey, version));
    }

    /// <summary>The bulk path's form, for one thread's run of many copies (see <see cref="BulkSealer"/>).</summary>
    internal BulkSealer CreateBulkSealer() => new(keys.Cipher.CreateSealer());

    public IReadOnlyList<ItemEntry> Open(CopyRow row)
    {
        Span<byte> buffer = stackalloc byte[AssociatedDataOnStack];
        var plaintext = keys.Cipher.Decrypt(row.KeyId, row.Payload,
            AssociatedData(buffer, row.InstitutionCode, row.InternalAddressNumber, row.InformationNameCode, row.RecordKey, row.Version));
        var pairs = JsonSerializer.Deserialize<string[][]>(plaintext) ?? [];
        return pairs.Select(p => new ItemEntry(p[0], p[1])).ToList();
    }

    private static void WritePlaintext(Utf8JsonWriter json, IReadOnlyList<ItemEntry> items)
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
        json.Flush();
    }

    private static ReadOnlySpan<byte> AssociatedData(Span<byte> buffer, string institution, string person, string name, string recordKey, int version) =>
        Utf8.TryWrite(buffer, CultureInfo.InvariantCulture, $"{institution}|{person}|{name}|{recordKey}|{version}", out var written)
            ? buffer[..written]
            : Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{institution}|{person}|{name}|{recordKey}|{version}"));

    /// <summary>
    /// Seals the copies of the bulk path with the JSON writer, its buffer and the AES key schedule reused from one copy
    /// to the next: <see cref="Encode"/> a copy's items, then <see cref="Seal"/> them where the caller has room.
    /// Not thread-safe; dispose it after the run.
    /// </summary>
    internal sealed class BulkSealer : IDisposable
    {
        private readonly AtRestCipher.Sealer _sealer;
        private readonly ArrayBufferWriter<byte> _plaintext = new(1024);
        private readonly Utf8JsonWriter _json;

        internal BulkSealer(AtRestCipher.Sealer sealer)
        {
            _sealer = sealer;
            _json = new Utf8JsonWriter(_plaintext);
        }

        /// <summary>Encodes the items as the next plaintext; returns the bytes that sealing it will take.</summary>
        public int Encode(IReadOnlyList<ItemEntry> items)
        {
            _plaintext.ResetWrittenCount();
            _json.Reset();
            WritePlaintext(_json, items);
            return AtRestCipher.SealedLength(_plaintext.WrittenCount);
        }

        /// <summary>Seals the plaintext of the last <see cref="Encode"/> for this row; returns the bytes written.</summary>
        public int Seal(Span<byte> destination, string institution, string person, string name, string recordKey, int version)
        {
            Span<byte> buffer = stackalloc byte[AssociatedDataOnStack];
            return _sealer.Encrypt(_plaintext.WrittenSpan, AssociatedData(buffer, institution, person, name, recordKey, version), destination);
        }

        public void Dispose()
        {
            _json.Dispose();
            _sealer.Dispose();
        }
    }
}
