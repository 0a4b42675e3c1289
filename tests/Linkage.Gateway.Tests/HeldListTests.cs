using Linkage.Storage.Keys;
using System.Security.Cryptography;
using Linkage.Crypto;
using Linkage.Domain;
using Linkage.Domain.Answers;
using Linkage.Domain.Codes;
using Linkage.Domain.Permits;
using Linkage.Domain.Review;
using Linkage.Storage.Review;
using Linkage.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Linkage.Gateway.Tests;

/// <summary>
/// The reviewers' list as stored: escalated first, then oldest first, pages that neither skip nor repeat, filters, and
/// the escalation of overdue items, which an extended deadline lifts.
/// </summary>
public sealed class HeldListTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly MigrationDatabase _database = new("linkage-held-list");
    private readonly InstitutionDataKeys _keys = InstitutionDataKeys.Opened(new InstitutionScope(InstitutionCode.Parse(TestNetwork.Hitachinaka)),
        new AtRestCipher(new Dictionary<string, byte[]> { ["k1"] = RandomNumberGenerator.GetBytes(32) }, "k1"));
    private readonly DbHeldResponseStore _store;

    public HeldListTests()
    {
        using (var db = _database.CreateDbContext()) db.Database.Migrate();
        _store = new DbHeldResponseStore(_database, _keys);
        var writer = new HeldAttachmentWriter(new InstitutionScope(InstitutionCode.Parse(TestNetwork.Hitachinaka)), _keys);
        using var connection = new SqliteConnection($"Data Source={_database.Path};Pooling=False");
        connection.Open();
        using var transaction = connection.BeginTransaction();
        for (var i = 0; i < 25; i++)
            writer.Write(connection, transaction, new HeldCreated(new HeldResponse($"permit-{i:D2}", $"inquiry-{i}",
                new SignedPermitData([1], new byte[64], "k"), InternalAddressNumber.Parse("082210000000001"),
                InformationNameCode.Parse(i % 5 == 0 ? TestNetwork.Cancer : TestNetwork.Osteoporosis), "SUPPORT_MEASURE",
                T0.AddMinutes(i), T0.AddMinutes(i).AddDays(i < 3 ? 1 : 10), new HeldAnswerKey(new byte[32], new byte[32]),
                InquirerInstitution: i % 2 == 0 ? TestNetwork.Mito : "1000091300000000")));
        transaction.Commit();
    }

    public void Dispose() => _database.Dispose();

    private static HeldFilter All => new([], [], null, null);

    [Fact]
    public async Task Pages_follow_each_other_oldest_first_without_a_gap_or_a_repeat()
    {
        var seen = new List<string>();
        string? token = null;
        do
        {
            var page = await _store.ListAsync(All, token, 10, T0, CancellationToken.None);
            seen.AddRange(page.Items.Select(i => i.PermitId));
            token = page.NextPageToken;
        }
        while (token is not null);
        Assert.Equal(Enumerable.Range(0, 25).Select(i => $"permit-{i:D2}"), seen);
    }

    [Fact]
    public async Task Overdue_items_are_escalated_once_listed_first_counted_and_lifted_by_a_new_deadline()
    {
        var now = T0.AddDays(2);
        Assert.Equal(["permit-00", "permit-01", "permit-02"], (await _store.EscalateOverdueAsync(now, CancellationToken.None)).Select(e => e.PermitId));
        Assert.Empty(await _store.EscalateOverdueAsync(now, CancellationToken.None));
        Assert.Equal(3, await _store.CountEscalatedAsync(CancellationToken.None));
        var first = (await _store.ListAsync(All, null, 5, now, CancellationToken.None)).Items;
        Assert.Equal([true, true, true, false, false], first.Select(i => i.Escalated));
        Assert.Equal(["permit-00", "permit-01", "permit-02", "permit-03", "permit-04"], first.Select(i => i.PermitId));

        Assert.True(await _store.ExtendDeadlineAsync(new ReviewEntry("permit-01", "admin", ReviewEntry.Extend, "調査中", now), now.AddDays(3), CancellationToken.None));
        Assert.Equal(2, await _store.CountEscalatedAsync(CancellationToken.None));
        Assert.Equal(ReviewEntry.Extend, Assert.Single(await _store.HistoryAsync("permit-01", CancellationToken.None)).Decision);
    }

    [Fact]
    public async Task Filters_narrow_the_list_by_information_name_inquirer_deadline_and_state()
    {
        var cancer = await _store.ListAsync(All with { InformationNames = [TestNetwork.Cancer] }, null, 100, T0, CancellationToken.None);
        Assert.Equal(5, cancer.Items.Count);
        var mito = await _store.ListAsync(All with { Inquirer = TestNetwork.Mito }, null, 100, T0, CancellationToken.None);
        Assert.Equal(13, mito.Items.Count);
        var soon = await _store.ListAsync(All with { DeadlineBefore = T0.AddDays(2) }, null, 100, T0, CancellationToken.None);
        Assert.Equal(3, soon.Items.Count);
        Assert.Empty((await _store.ListAsync(All with { States = [HeldState.Approved] }, null, 100, T0, CancellationToken.None)).Items);
        Assert.True(await _store.RecordFirstApprovalAsync(new ReviewEntry("permit-05", "staff-1", ReviewEntry.FirstApproval, "", T0), CancellationToken.None));
        Assert.False(await _store.RecordFirstApprovalAsync(new ReviewEntry("permit-05", "staff-2", ReviewEntry.FirstApproval, "", T0), CancellationToken.None));
        Assert.Equal("permit-05", Assert.Single((await _store.ListAsync(All with { States = [HeldState.FirstApproval] }, null, 100, T0,
            CancellationToken.None)).Items).PermitId);
    }

    [Fact]
    public async Task A_page_token_that_was_not_issued_is_refused()
    {
        var error = await Assert.ThrowsAsync<Domain.Errors.DomainException>(() => _store.ListAsync(All, "not a token", 10, T0, CancellationToken.None));
        Assert.Equal("page_token", Assert.Single(error.Violations).Field);
    }
}
