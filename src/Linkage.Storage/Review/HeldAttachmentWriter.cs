using Linkage.Domain;
using Linkage.Domain.Errors;
using Linkage.Domain.Records;
using Linkage.Domain.Review;
using System.Data.Common;
using Linkage.Storage.Database;
using Linkage.Storage.Keys;

namespace Linkage.Storage.Review;

/// <summary>
/// Writes a held response, or a decision with its history step and outgoing answer, inside the record writer's
/// transaction (raw SQL on its connection: EF cannot join that transaction), so that each lands with its record or not
/// at all. Columns and time encoding are EF's, as the model (HeldResponseConfiguration and the others) defines them.
/// </summary>
public sealed class HeldAttachmentWriter(InstitutionScope scope, InstitutionDataKeys keys)
{
    public void Write(DbConnection connection, DbTransaction transaction, RecordAttachment attachment)
    {
        switch (attachment)
        {
            case HeldCreated created:
                Insert(connection, transaction, created.Held);
                break;
            case HeldDecided decided:
                Decide(connection, transaction, decided);
                break;
            default:
                throw new InvalidOperationException($"No writer for {attachment.GetType().Name}.");
        }
    }

    private void Insert(DbConnection connection, DbTransaction transaction, HeldResponse held)
    {
        var key = held.AnswerKey ?? throw new InvalidOperationException("A new held response needs its answer key.");
        var cipher = keys.Cipher;
        connection.Execute(transaction, """
            INSERT INTO "HeldResponses" ("PermitId", "InquiryId", "InquirerInstitution", "InstitutionCode", "Permit", "Signature", "KeyId", "InternalAddressNumber",
                "InformationName", "HoldReason", "ReceivedAt", "Deadline", "State", "TwoPerson", "FirstApprovedBy", "Escalated",
                "AnswerSenderPublicKey", "AnswerKeyId", "EncryptedAnswerKey")
            VALUES (@permit, @inquiry, @inquirer, @institution, @signed, @signature, @keyId, @person, @name, @reason, @received, @deadline,
                @state, @two, NULL, FALSE, @sender, @answerKeyId, @answerKey)
            """,
            ("permit", held.PermitId), ("inquiry", held.InquiryId), ("inquirer", held.InquirerInstitution), ("institution", scope.Code.Value),
            ("signed", held.Permit.Permit), ("signature", held.Permit.Signature), ("keyId", held.Permit.KeyId),
            ("person", held.Person.Value), ("name", held.InformationName.Value), ("reason", held.HoldReason),
            ("received", HeldTime.ToStored(held.ReceivedAt)), ("deadline", HeldTime.ToStored(held.Deadline)),
            ("state", (int)HeldState.Waiting), ("two", held.TwoPerson), ("sender", key.SenderPublicKey),
            ("answerKeyId", cipher.ActiveKeyId),
            ("answerKey", cipher.Encrypt(key.Key, HeldKeyBinding.Of(held.PermitId, key.SenderPublicKey))));
    }

    private static void Decide(DbConnection connection, DbTransaction transaction, HeldDecided decided)
    {
        var at = HeldTime.ToStored(decided.Step.At);
        var answer = decided.Answer;
        var changed = connection.Execute(transaction, """
            UPDATE "HeldResponses" SET "State" = @to, "DecidedOutcome" = @outcome, "DecisionReason" = @reason, "DecidedAt" = @at,
                "EncryptedAnswerKey" = NULL, "AnswerKeyId" = NULL
            WHERE "PermitId" = @permit AND "State" = @from
            """,
            ("to", (int)decided.To), ("outcome", answer is null ? null : (int)answer.Outcome), ("reason", answer?.Reason),
            ("at", at), ("permit", decided.PermitId), ("from", (int)decided.From));
        if (changed != 1)
            throw new DomainException(ErrorKind.FailedPrecondition, ErrorReasons.HeldAlreadyDecided,
                "This held response has been decided already.");
        InsertStep(connection, transaction, decided.Step);
        if (answer is null) return;
        connection.Execute(transaction, """
            INSERT INTO "AnswerOutbox" ("PermitId", "InquiryId", "Permit", "Signature", "KeyId", "Outcome", "Reason", "SenderPublicKey", "Nonce",
                "Ciphertext", "State", "Attempts", "LastError", "CreatedAt", "UpdatedAt")
            VALUES (@permit, @inquiry, @signed, @signature, @keyId, @outcome, @reason, @sender, @nonce, @ciphertext, @state, 0, '',
                @at, @at)
            """,
            ("permit", answer.PermitId), ("inquiry", answer.InquiryId), ("signed", answer.Permit.Permit),
            ("signature", answer.Permit.Signature), ("keyId", answer.Permit.KeyId), ("outcome", (int)answer.Outcome),
            ("reason", answer.Reason), ("sender", answer.Answer?.SenderPublicKey), ("nonce", answer.Answer?.Nonce),
            ("ciphertext", answer.Answer?.Ciphertext), ("state", (int)DeliveryState.Pending), ("at", at));
    }

    /// <summary>A step of the review history, in a transaction of the record writer or of the store.</summary>
    internal static void InsertStep(DbConnection connection, DbTransaction? transaction, ReviewEntry step) =>
        connection.Execute(transaction, """INSERT INTO "HeldDecisions" ("PermitId", "StaffId", "Decision", "Reason", "At") VALUES (@permit, @staff, @decision, @reason, @at)""",
            ("permit", step.PermitId), ("staff", step.StaffId), ("decision", step.Decision), ("reason", step.Reason),
            ("at", HeldTime.ToStored(step.At)));

}
