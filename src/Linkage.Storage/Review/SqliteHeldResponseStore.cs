using Linkage.Crypto;
using Linkage.Domain;
using Linkage.Domain.Answers;
using Linkage.Domain.Codes;
using Linkage.Domain.Permits;
using Linkage.Domain.Review;
using Linkage.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Linkage.Storage.Database;

namespace Linkage.Storage.Review;

public sealed class SqliteHeldResponseStore(IDbContextFactory<LinkageDbContext> contexts, InstitutionScope scope, AtRestCipher cipher)
    : IHeldResponseStore
{
    private readonly string _institution = scope.Code.Value;

    public async Task SaveAsync(HeldResponse held, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await db.HeldResponses.AnyAsync(h => h.PermitId == held.PermitId && h.InstitutionCode == _institution, ct)) return;
        db.HeldResponses.Add(new HeldResponseRow
        {
            PermitId = held.PermitId,
            InquiryId = held.InquiryId,
            InstitutionCode = _institution,
            Permit = held.Permit.Permit,
            Signature = held.Permit.Signature,
            KeyId = held.Permit.KeyId,
            InternalAddressNumber = held.Person.Value,
            InformationName = held.InformationName.Value,
            HoldReason = held.HoldReason,
            ReceivedAt = held.ReceivedAt,
            Deadline = held.Deadline,
            AnswerSenderPublicKey = held.AnswerKey.SenderPublicKey,
            AnswerKeyId = cipher.ActiveKeyId,
            EncryptedAnswerKey = cipher.Encrypt(held.AnswerKey.Key, KeyBinding(held.PermitId, held.AnswerKey.SenderPublicKey)),
        });
        await db.SaveChangesAsync(ct);
    }

    public async Task<HeldResponse?> FindUndecidedAsync(string permitId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await db.HeldResponses.AsNoTracking()
            .FirstOrDefaultAsync(h => h.PermitId == permitId && h.InstitutionCode == _institution && h.DecidedAt == null, ct);
        return row is null ? null : new HeldResponse(row.PermitId, row.InquiryId, new SignedPermitData(row.Permit, row.Signature, row.KeyId),
            InternalAddressNumber.Parse(row.InternalAddressNumber), InformationNameCode.Parse(row.InformationName),
            row.HoldReason, row.ReceivedAt, row.Deadline,
            // Undecided rows always keep their key: it is emptied only by the decision.
            new HeldAnswerKey(row.AnswerSenderPublicKey, cipher.Decrypt(row.AnswerKeyId!, row.EncryptedAnswerKey!, KeyBinding(row.PermitId, row.AnswerSenderPublicKey))));
    }

    public async Task<bool> DecideAsync(string permitId, ProvisionOutcome outcome, string reason, DateTimeOffset decidedAt, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var changed = await db.HeldResponses
            .Where(h => h.PermitId == permitId && h.InstitutionCode == _institution && h.DecidedAt == null)
            .ExecuteUpdateAsync(set => set
                .SetProperty(h => h.DecidedOutcome, (int)outcome)
                .SetProperty(h => h.DecisionReason, reason)
                .SetProperty(h => h.DecidedAt, decidedAt)
                // The answer is sealed by now: its key has no further use here.
                .SetProperty(h => h.EncryptedAnswerKey, (byte[]?)null)
                .SetProperty(h => h.AnswerKeyId, (string?)null), ct);
        return changed == 1;
    }

    /// <summary>Binds the stored key to its permit and to the sender key it goes with.</summary>
    private static byte[] KeyBinding(string permitId, byte[] senderPublicKey) =>
        System.Text.Encoding.UTF8.GetBytes("held-answer-key|" + permitId + "|" + Convert.ToBase64String(senderPublicKey));
}
