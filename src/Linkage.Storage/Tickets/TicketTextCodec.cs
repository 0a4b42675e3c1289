using System.Text;
using System.Text.Json;
using Linkage.Storage.Keys;

namespace Linkage.Storage.Tickets;

/// <summary>
/// The personal texts of tickets and steps in and out of their encrypted column: a JSON array of strings, sealed with
/// the institution's at-rest key. The associated data names the ticket (and the step), so that a text copied onto
/// another row does not open; a backup or a platform operator without the key sees ciphertext only.
/// </summary>
public sealed class TicketTextCodec(InstitutionDataKeys keys)
{
    public string KeyId => keys.Cipher.ActiveKeyId;

    /// <summary>What was asked, the agent's name, the agent's relationship.</summary>
    public byte[] SealTicket(string ticketId, params string[] texts) =>
        keys.Cipher.Encrypt(JsonSerializer.SerializeToUtf8Bytes(texts), Binding("ticket|" + ticketId));

    public string[] OpenTicket(string ticketId, string keyId, byte[] sealedText) =>
        Open(keyId, sealedText, Binding("ticket|" + ticketId));

    /// <summary>The step's action and result.</summary>
    public byte[] SealStep(string ticketId, int number, params string[] texts) =>
        keys.Cipher.Encrypt(JsonSerializer.SerializeToUtf8Bytes(texts), Binding($"ticket-step|{ticketId}|{number}"));

    public string[] OpenStep(string ticketId, int number, string keyId, byte[] sealedText) =>
        Open(keyId, sealedText, Binding($"ticket-step|{ticketId}|{number}"));

    private string[] Open(string keyId, byte[] sealedText, byte[] binding) =>
        JsonSerializer.Deserialize<string[]>(keys.Cipher.Decrypt(keyId, sealedText, binding)) ?? [];

    private static byte[] Binding(string text) => Encoding.UTF8.GetBytes(text);
}
