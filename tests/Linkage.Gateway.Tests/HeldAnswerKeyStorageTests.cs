using System.Security.Cryptography;
using System.Text;
using Google.Protobuf;
using Linkage.Contracts.Network.V1;
using Linkage.Crypto;
using Linkage.Domain.Codes;
using Linkage.Domain.Permits;
using Linkage.Domain.Provision;
using Linkage.Domain.Records;
using Linkage.Network.Client;
using Linkage.Storage;
using Linkage.Storage.Inquiries;
using Linkage.Storage.Provision;
using Linkage.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Linkage.Gateway.Tests;

/// <summary>
/// The keys of held answers at rest: rows held before the migration that gave held answers keys of their own keep
/// working (the inquirer opens with the private key it kept, the provider seals as before), and a held answer's own key
/// is stored encrypted and read back as it was.
/// </summary>
public sealed class HeldAnswerKeyStorageTests
{
    private const string PreviousMigration = "20261126114604_PermitUseInRecords";
    private const string Person = "082010000000001";

    private static readonly InstitutionScope Scope = new(InstitutionCode.Parse(TestNetwork.Mito));
    private readonly AtRestCipher _cipher = new(new Dictionary<string, byte[]> { ["k1"] = RandomNumberGenerator.GetBytes(32) }, "k1");

    [Fact]
    public async Task Rows_held_before_the_migration_keep_working_the_inquiry_opens_with_its_private_key_and_the_held_answer_has_no_key()
    {
        var ct = CancellationToken.None;
        using var database = new MigrationDatabase("linkage-held-answer-keys-migration");
        await database.MigrateToAsync(PreviousMigration, ct);
        var inquirerKeys = X25519KeyPair.Generate();
        var createdAt = DateTimeOffset.UtcNow;
        await using (var db = database.CreateDbContext())
        {
            var encryptedPrivateKey = _cipher.Encrypt(inquirerKeys.PrivateKey, Encoding.UTF8.GetBytes("inquiry-key|inquiry-1"));
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO PendingInquiries (InquiryId, InstitutionCode, PermitId, ProviderInstitution, Affair, Procedure,
                    InformationName, LegalBasis, InternalAddressNumber, KeyId, EncryptedPrivateKey, CreatedAt, Outcome, Reason)
                VALUES ('inquiry-1', {TestNetwork.Mito}, 'permit-1', {TestNetwork.Hitachinaka}, {TestNetwork.Affair}, {TestNetwork.Procedure},
                    {TestNetwork.Osteoporosis}, {TestNetwork.LegalBasis}, {Person}, 'k1', {encryptedPrivateKey}, {Stored(createdAt)}, 2, '')
                """, ct);
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO HeldResponses (PermitId, InquiryId, InstitutionCode, Permit, Signature, KeyId, InternalAddressNumber,
                    InformationName, HoldReason, ReceivedAt, Deadline)
                VALUES ('permit-2', 'inquiry-2', {TestNetwork.Mito}, {new byte[] { 0x0a, 0x01 }}, {new byte[64]}, 'hub-test-1', {Person},
                    {TestNetwork.Osteoporosis}, 'review', {Stored(createdAt)}, {Stored(createdAt.AddDays(3))})
                """, ct);
            await db.Database.MigrateAsync(ct);
            Assert.Empty(await db.Database.GetPendingMigrationsAsync(ct));
        }

        var state = await new SqlitePendingInquiryStore(database, Scope, _cipher, TimeProvider.System).FindAsync("inquiry-1", ct);
        Assert.NotNull(state);
        Assert.True(state.Inquiry.Key.IsPrivateKey);
        var answer = new Answer
        {
            Records = { new AnswerRecord { RecordKey = "2025-57-1", Version = 1, Items = { new AnswerItem { ItemCode = "9N001000000000001", Value = "0.82" } } } },
        };
        var sealedAnswer = AnswerEnvelope.Seal(inquirerKeys.PublicKey, answer.ToByteArray(), AnswerEnvelope.AssociatedData("permit-1", "inquiry-1"));
        var record = Assert.Single(state.Inquiry.Open(new EnvelopeAnswerOpener(), sealedAnswer));
        Assert.Equal("0.82", Assert.Single(record.Items).Value);

        var held = await new SqliteHeldResponseStore(database, Scope, _cipher).FindUndecidedAsync("permit-2", ct);
        Assert.NotNull(held);
        Assert.Null(held.AnswerKey);
    }

    [Fact]
    public async Task A_held_answers_own_key_reads_back_as_saved_is_stored_only_encrypted_and_is_gone_once_decided()
    {
        var ct = CancellationToken.None;
        using var database = new MigrationDatabase("linkage-held-answer-keys");
        await using (var db = database.CreateDbContext())
            await db.Database.MigrateAsync(ct);
        var answerKey = new HeldAnswerKey(X25519KeyPair.Generate().PublicKey, RandomNumberGenerator.GetBytes(AnswerEnvelope.KeyLength));
        var receivedAt = DateTimeOffset.UtcNow;
        var store = new SqliteHeldResponseStore(database, Scope, _cipher);

        await store.SaveAsync(new HeldResponse("permit-1", "inquiry-1", new SignedPermitData([0x0a, 0x01], new byte[64], "hub-test-1"),
            InternalAddressNumber.Parse(Person), InformationNameCode.Parse(TestNetwork.Osteoporosis), "review",
            receivedAt, receivedAt.AddDays(3), answerKey), ct);

        var held = await store.FindUndecidedAsync("permit-1", ct);
        Assert.NotNull(held?.AnswerKey);
        Assert.Equal(answerKey.SenderPublicKey, held.AnswerKey.SenderPublicKey);
        Assert.Equal(answerKey.Key, held.AnswerKey.Key);
        await using (var db = database.CreateDbContext())
        {
            var stored = await db.Database
                .SqlQuery<byte[]>($"SELECT EncryptedAnswerKey AS \"Value\" FROM HeldResponses WHERE PermitId = 'permit-1'")
                .SingleAsync(ct);
            Assert.NotNull(stored);
            Assert.True(stored.AsSpan().IndexOf(answerKey.Key) < 0);
        }

        Assert.True(await store.DecideAsync("permit-1", ProvisionOutcome.Provided, "", receivedAt.AddHours(1), ct));
        await using (var db = database.CreateDbContext())
        {
            var keptAfterDecision = await db.Database
                .SqlQuery<byte[]?>($"SELECT EncryptedAnswerKey AS \"Value\" FROM HeldResponses WHERE PermitId = 'permit-1'")
                .SingleAsync(ct);
            Assert.Null(keptAfterDecision);
        }
    }

    private static long Stored(DateTimeOffset at) => (long)new DateTimeOffsetToBinaryConverter().ConvertToProvider(at)!;
}
