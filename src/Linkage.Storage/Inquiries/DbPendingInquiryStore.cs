using System.Text;
using Linkage.Domain;
using Linkage.Domain.Answers;
using Linkage.Domain.Codes;
using Linkage.Domain.Inquiries;
using Linkage.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Linkage.Storage.Database;
using Linkage.Storage.Keys;

namespace Linkage.Storage.Inquiries;

public sealed class DbPendingInquiryStore(
    IDbContextFactory<LinkageDbContext> contexts, InstitutionScope scope, InstitutionDataKeys keys, TimeProvider clock) : IPendingInquiryStore
{
    private readonly string _institution = scope.Code.Value;

    public async Task SaveAsync(PendingInquiry inquiry, CancellationToken ct)
    {
        var cipher = keys.Cipher;
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.PendingInquiries.Add(new PendingInquiryRow
        {
            InquiryId = inquiry.InquiryId,
            InstitutionCode = _institution,
            PermitId = inquiry.PermitId,
            ProviderInstitution = inquiry.Provider.Value,
            Affair = inquiry.Affair.Value,
            Procedure = inquiry.Procedure.Value,
            InformationName = inquiry.InformationName.Value,
            LegalBasis = inquiry.LegalBasis,
            InternalAddressNumber = inquiry.Person.Value,
            KeyId = cipher.ActiveKeyId,
            EncryptedAnswerKey = cipher.Encrypt(inquiry.AnswerKey, KeyBinding(inquiry.InquiryId)),
            CreatedAt = inquiry.CreatedAt,
            Outcome = (int)ProvisionOutcome.Held,
        });
        await db.SaveChangesAsync(ct);
    }

    public async Task<InquiryState?> FindAsync(string inquiryId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await db.PendingInquiries.AsNoTracking()
            .FirstOrDefaultAsync(p => p.InquiryId == inquiryId && p.InstitutionCode == _institution, ct);
        return row is null ? null : ToState(row);
    }

    public async Task<bool> CompleteAsync(string inquiryId, ProvisionOutcome outcome, string reason, SealedAnswer? answer, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        // One statement, conditional on still being held: two concurrent deliveries cannot both complete it.
        var changed = await db.PendingInquiries
            .Where(p => p.InquiryId == inquiryId && p.InstitutionCode == _institution && p.AnsweredAt == null)
            .ExecuteUpdateAsync(set => set
                .SetProperty(p => p.Outcome, (int)outcome)
                .SetProperty(p => p.Reason, reason)
                .SetProperty(p => p.AnswerEphemeralKey, answer == null ? null : answer.SenderPublicKey)
                .SetProperty(p => p.AnswerNonce, answer == null ? null : answer.Nonce)
                .SetProperty(p => p.AnswerCiphertext, answer == null ? null : answer.Ciphertext)
                .SetProperty(p => p.AnsweredAt, clock.GetUtcNow()), ct);
        return changed == 1;
    }

    public async Task MarkPickedUpAsync(string inquiryId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await db.PendingInquiries
            .Where(p => p.InquiryId == inquiryId && p.InstitutionCode == _institution && p.PickedUpAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(p => p.PickedUpAt, clock.GetUtcNow()), ct);
    }

    public async Task<IReadOnlyList<InquiryState>> ListReadyAsync(int max, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.PendingInquiries.AsNoTracking()
            .Where(p => p.InstitutionCode == _institution && p.AnsweredAt != null && p.PickedUpAt == null)
            .OrderBy(p => p.AnsweredAt).Take(max).ToListAsync(ct);
        return rows.Select(ToState).ToList();
    }

    private InquiryState ToState(PendingInquiryRow row) => new(
        new PendingInquiry(row.InquiryId, row.PermitId, InstitutionCode.Parse(row.ProviderInstitution), AffairCode.Parse(row.Affair),
            ProcedureCode.Parse(row.Procedure), InformationNameCode.Parse(row.InformationName), row.LegalBasis,
            InternalAddressNumber.Parse(row.InternalAddressNumber),
            keys.Cipher.Decrypt(row.KeyId, row.EncryptedAnswerKey, KeyBinding(row.InquiryId)),
            row.CreatedAt),
        (ProvisionOutcome)row.Outcome,
        row.Reason,
        row.AnswerCiphertext is null ? null : new SealedAnswer(row.AnswerEphemeralKey!, row.AnswerNonce!, row.AnswerCiphertext),
        row.PickedUpAt is not null);

    /// <summary>Binds the stored key to its inquiry, so that a key copied to another row does not decrypt there.</summary>
    private static byte[] KeyBinding(string inquiryId) => Encoding.UTF8.GetBytes("inquiry-answer-key|" + inquiryId);
}
