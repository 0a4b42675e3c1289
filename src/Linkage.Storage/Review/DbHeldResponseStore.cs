using Linkage.Domain.Answers;
using Linkage.Domain.Codes;
using Linkage.Domain.Permits;
using Linkage.Domain.Review;
using Linkage.Storage.Database;
using Linkage.Storage.Keys;
using Microsoft.EntityFrameworkCore;

namespace Linkage.Storage.Review;

public sealed class DbHeldResponseStore(IDbContextFactory<LinkageDbContext> contexts, InstitutionDataKeys keys) : IHeldResponseStore
{
    private const int Waiting = (int)HeldState.Waiting;
    private const int FirstApproval = (int)HeldState.FirstApproval;

    public async Task<HeldResponse?> FindAsync(string permitId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await db.HeldResponses.AsNoTracking().FirstOrDefaultAsync(h => h.PermitId == permitId, ct);
        if (row is null) return null;
        var delivery = await db.AnswerOutbox.AsNoTracking().Where(o => o.PermitId == permitId).Select(o => (int?)o.State).FirstOrDefaultAsync(ct);
        // Undecided rows always keep their key: it is emptied only by the decision.
        var key = row.EncryptedAnswerKey is null ? null : new HeldAnswerKey(row.AnswerSenderPublicKey,
            keys.Cipher.Decrypt(row.AnswerKeyId!, row.EncryptedAnswerKey, HeldKeyBinding.Of(row.PermitId, row.AnswerSenderPublicKey)));
        return new HeldResponse(row.PermitId, row.InquiryId, new SignedPermitData(row.Permit, row.Signature, row.KeyId),
            InternalAddressNumber.Parse(row.InternalAddressNumber), InformationNameCode.Parse(row.InformationName), row.HoldReason,
            row.ReceivedAt, row.Deadline, key, row.TwoPerson, (HeldState)row.State, row.FirstApprovedBy, row.Escalated, row.InquirerInstitution,
            (DeliveryState)(delivery ?? 0));
    }

    public async Task<HeldPage> ListAsync(HeldFilter filter, string? pageToken, int pageSize, DateTimeOffset now, CancellationToken ct)
    {
        var states = (filter.States.Count == 0 ? [HeldState.Waiting, HeldState.FirstApproval] : filter.States).Select(s => (int)s).ToList();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = db.HeldResponses.AsNoTracking().Where(h => states.Contains(h.State));
        var names = filter.InformationNames.ToList();
        if (names.Count > 0) rows = rows.Where(h => names.Contains(h.InformationName));
        if (!string.IsNullOrEmpty(filter.Inquirer)) rows = rows.Where(h => h.InquirerInstitution == filter.Inquirer);
        if (filter.DeadlineBefore is { } before) rows = rows.Where(h => h.Deadline < before);
        if (HeldPageToken.Parse(pageToken) is { } after)
        {
            var (escalated, received, permit) = after;
            rows = rows.Where(h => (!h.Escalated && escalated) || (h.Escalated == escalated
                && (h.ReceivedAt > received || (h.ReceivedAt == received && string.Compare(h.PermitId, permit) > 0))));
        }
        var page = await rows.OrderByDescending(h => h.Escalated).ThenBy(h => h.ReceivedAt).ThenBy(h => h.PermitId).Take(pageSize + 1)
            .Select(h => new { Row = h, Delivery = db.AnswerOutbox.Where(o => o.PermitId == h.PermitId).Select(o => (int?)o.State).FirstOrDefault() })
            .ToListAsync(ct);
        var items = page.Take(pageSize).Select(p => new HeldSummary(p.Row.PermitId, p.Row.InquiryId, p.Row.InquirerInstitution,
            InformationNameCode.Parse(p.Row.InformationName), p.Row.HoldReason, p.Row.ReceivedAt, p.Row.Deadline, p.Row.Escalated,
            (HeldState)p.Row.State, p.Row.TwoPerson, (DeliveryState)(p.Delivery ?? 0))).ToList();
        var last = items.LastOrDefault();
        return new HeldPage(items, page.Count > pageSize && last is not null ? HeldPageToken.Of(last) : null);
    }

    public async Task<IReadOnlyList<ReviewEntry>> HistoryAsync(string permitId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.HeldDecisions.AsNoTracking().Where(d => d.PermitId == permitId).OrderBy(d => d.Id)
            .Select(d => new ReviewEntry(d.PermitId, d.StaffId, d.Decision, d.Reason, d.At)).ToListAsync(ct);
    }

    public Task<bool> RecordFirstApprovalAsync(ReviewEntry entry, CancellationToken ct) => ChangeWithStepAsync(entry,
        """UPDATE "HeldResponses" SET "State" = @first, "FirstApprovedBy" = @staff WHERE "PermitId" = @permit AND "State" = @waiting""",
        ("first", FirstApproval), ("staff", entry.StaffId), ("permit", entry.PermitId), ("waiting", Waiting));

    public Task<bool> ExtendDeadlineAsync(ReviewEntry entry, DateTimeOffset deadline, CancellationToken ct) => ChangeWithStepAsync(entry,
        """UPDATE "HeldResponses" SET "Deadline" = @deadline, "Escalated" = FALSE WHERE "PermitId" = @permit AND "State" IN (@waiting, @first)""",
        ("deadline", HeldTime.ToStored(deadline)), ("permit", entry.PermitId), ("waiting", Waiting), ("first", FirstApproval));

    public async Task<IReadOnlyList<HeldSummary>> EscalateOverdueAsync(DateTimeOffset now, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var overdue = await db.HeldResponses.Where(h => (h.State == Waiting || h.State == FirstApproval) && !h.Escalated && h.Deadline <= now)
            .Select(h => new { h.PermitId, h.InquiryId, h.InquirerInstitution, h.InformationName, h.HoldReason, h.ReceivedAt, h.Deadline, h.State, h.TwoPerson })
            .ToListAsync(ct);
        if (overdue.Count == 0) return [];
        var ids = overdue.Select(o => o.PermitId).ToList();
        await db.HeldResponses.Where(h => ids.Contains(h.PermitId) && !h.Escalated).ExecuteUpdateAsync(set => set.SetProperty(h => h.Escalated, true), ct);
        return overdue.Select(o => new HeldSummary(o.PermitId, o.InquiryId, o.InquirerInstitution, InformationNameCode.Parse(o.InformationName),
            o.HoldReason, o.ReceivedAt, o.Deadline, true, (HeldState)o.State, o.TwoPerson, DeliveryState.None)).ToList();
    }

    public async Task<int> CountEscalatedAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.HeldResponses.CountAsync(h => h.Escalated && (h.State == Waiting || h.State == FirstApproval), ct);
    }

    /// <summary>A conditional change and its history step in one transaction; false (and nothing written) when the condition failed.</summary>
    private async Task<bool> ChangeWithStepAsync(ReviewEntry entry, string sql, params (string Name, object Value)[] parameters)
    {
        await using var db = await contexts.CreateDbContextAsync();
        // Opened through EF, so that its connection interceptor applies the pragmas (synchronous=FULL) as on every write.
        await db.Database.OpenConnectionAsync();
        var connection = db.Database.GetDbConnection();
        using var transaction = connection.BeginTransaction();
        using var command = connection.Command(sql, transaction);
        foreach (var (name, value) in parameters) command.Add(name, value);
        if (await command.ExecuteNonQueryAsync() != 1) return false;
        HeldAttachmentWriter.InsertStep(connection, transaction, entry);
        await transaction.CommitAsync();
        return true;
    }
}
