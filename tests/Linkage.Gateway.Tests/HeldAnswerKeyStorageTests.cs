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
using Microsoft.EntityFrameworkCore;
using ProvisionOutcome = Linkage.Domain.Answers.ProvisionOutcome;

namespace Linkage.Gateway.Tests;

/// <summary>The keys of held answers at rest: a held answer's own key is stored encrypted, read back as it was, and
/// forgotten once the answer is decided.</summary>
public sealed class HeldAnswerKeyStorageTests
{
    private const string Person = "082010000000001";

    private static readonly InstitutionScope Scope = new(InstitutionCode.Parse(TestNetwork.Mito));
    private readonly InstitutionDataKeys _keys = InstitutionDataKeys.Opened(Scope,
        new AtRestCipher(new Dictionary<string, byte[]> { ["k1"] = RandomNumberGenerator.GetBytes(32) }, "k1"));

    [Fact]
    public async Task A_held_answers_own_key_reads_back_as_saved_is_stored_only_encrypted_and_is_gone_once_decided()
    {
        var ct = CancellationToken.None;
        using var database = new MigrationDatabase("linkage-held-answer-keys");
        await using (var db = database.CreateDbContext())
            await db.Database.MigrateAsync(ct);
        var answerKey = new HeldAnswerKey(X25519KeyPair.Generate().PublicKey, RandomNumberGenerator.GetBytes(AnswerEnvelope.KeyLength));
        var receivedAt = DateTimeOffset.UtcNow;
        var store = new DbHeldResponseStore(database, _keys);
        var writer = new HeldAttachmentWriter(Scope, _keys);
        var held = new HeldResponse("permit-1", "inquiry-1", new SignedPermitData([0x0a, 0x01], new byte[64], "hub-test-1"),
            InternalAddressNumber.Parse(Person), InformationNameCode.Parse(TestNetwork.Osteoporosis), "review",
            receivedAt, receivedAt.AddDays(3), answerKey, InquirerInstitution: TestNetwork.Hitachinaka);
        Write(database, connection => writer.Write(connection.Connection, connection.Transaction, new HeldCreated(held)));

        var found = await store.FindAsync("permit-1", ct);
        Assert.NotNull(found?.AnswerKey);
        Assert.Equal(answerKey.SenderPublicKey, found.AnswerKey.SenderPublicKey);
        Assert.Equal(answerKey.Key, found.AnswerKey.Key);
        await using (var db = database.CreateDbContext())
        {
            var stored = await db.Database
                .SqlQuery<byte[]>($"SELECT EncryptedAnswerKey AS \"Value\" FROM HeldResponses WHERE PermitId = 'permit-1'")
                .SingleAsync(ct);
            Assert.NotNull(stored);
            Assert.True(stored.AsSpan().IndexOf(answerKey.Key) < 0);
        }

        Write(database, connection => writer.Write(connection.Connection, connection.Transaction, new HeldDecided("permit-1", HeldState.Waiting,
            HeldState.Approved, new ReviewEntry("permit-1", "staff-1", ReviewEntry.Approve, "", receivedAt.AddHours(1)),
            new OutgoingAnswer("permit-1", "inquiry-1", held.Permit, ProvisionOutcome.Provided, "", null))));
        Assert.Null((await store.FindAsync("permit-1", ct))!.AnswerKey);
        await using (var db = database.CreateDbContext())
        {
            var keptAfterDecision = await db.Database
                .SqlQuery<byte[]?>($"SELECT EncryptedAnswerKey AS \"Value\" FROM HeldResponses WHERE PermitId = 'permit-1'")
                .SingleAsync(ct);
            Assert.Null(keptAfterDecision);
        }
    }

    private static void Write(MigrationDatabase database, Action<(Microsoft.Data.Sqlite.SqliteConnection Connection, Microsoft.Data.Sqlite.SqliteTransaction Transaction)> write)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={database.Path};Pooling=False");
        connection.Open();
        using var transaction = connection.BeginTransaction();
        write((connection, transaction));
        transaction.Commit();
    }
}
