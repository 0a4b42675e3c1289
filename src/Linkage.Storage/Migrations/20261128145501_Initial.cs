using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Linkage.Storage.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Copies",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    InstitutionCode = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    InternalAddressNumber = table.Column<string>(type: "TEXT", maxLength: 15, nullable: false),
                    InformationNameCode = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    RecordKey = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    ValidFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ValidTo = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    IsCurrent = table.Column<bool>(type: "INTEGER", nullable: false),
                    IsDeleted = table.Column<bool>(type: "INTEGER", nullable: false),
                    KeyId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Payload = table.Column<byte[]>(type: "BLOB", nullable: false),
                    RegisteredAt = table.Column<long>(type: "INTEGER", nullable: false),
                    BatchNumber = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Copies", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CopyBatches",
                columns: table => new
                {
                    Number = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    InstitutionCode = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    BatchId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    IsComplete = table.Column<bool>(type: "INTEGER", nullable: false),
                    FirstCopyId = table.Column<long>(type: "INTEGER", nullable: true),
                    LastCopyId = table.Column<long>(type: "INTEGER", nullable: true),
                    Received = table.Column<int>(type: "INTEGER", nullable: false),
                    Stored = table.Column<int>(type: "INTEGER", nullable: false),
                    Rejected = table.Column<int>(type: "INTEGER", nullable: false),
                    ResultJson = table.Column<string>(type: "TEXT", nullable: true),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CompletedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CopyBatches", x => x.Number);
                });

            migrationBuilder.CreateTable(
                name: "HeldResponses",
                columns: table => new
                {
                    PermitId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    InquiryId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    InstitutionCode = table.Column<string>(type: "TEXT", nullable: false),
                    Permit = table.Column<byte[]>(type: "BLOB", nullable: false),
                    Signature = table.Column<byte[]>(type: "BLOB", nullable: false),
                    KeyId = table.Column<string>(type: "TEXT", nullable: false),
                    InternalAddressNumber = table.Column<string>(type: "TEXT", nullable: false),
                    InformationName = table.Column<string>(type: "TEXT", nullable: false),
                    HoldReason = table.Column<string>(type: "TEXT", nullable: false),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Deadline = table.Column<long>(type: "INTEGER", nullable: false),
                    DecidedOutcome = table.Column<int>(type: "INTEGER", nullable: true),
                    DecisionReason = table.Column<string>(type: "TEXT", nullable: true),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    AnswerSenderPublicKey = table.Column<byte[]>(type: "BLOB", nullable: false),
                    AnswerKeyId = table.Column<string>(type: "TEXT", nullable: true),
                    EncryptedAnswerKey = table.Column<byte[]>(type: "BLOB", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HeldResponses", x => x.PermitId);
                });

            migrationBuilder.CreateTable(
                name: "PendingInquiries",
                columns: table => new
                {
                    InquiryId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    InstitutionCode = table.Column<string>(type: "TEXT", nullable: false),
                    PermitId = table.Column<string>(type: "TEXT", nullable: false),
                    ProviderInstitution = table.Column<string>(type: "TEXT", nullable: false),
                    Affair = table.Column<string>(type: "TEXT", nullable: false),
                    Procedure = table.Column<string>(type: "TEXT", nullable: false),
                    InformationName = table.Column<string>(type: "TEXT", nullable: false),
                    LegalBasis = table.Column<string>(type: "TEXT", nullable: false),
                    InternalAddressNumber = table.Column<string>(type: "TEXT", nullable: false),
                    KeyId = table.Column<string>(type: "TEXT", nullable: false),
                    EncryptedAnswerKey = table.Column<byte[]>(type: "BLOB", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Outcome = table.Column<int>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", nullable: false),
                    AnswerEphemeralKey = table.Column<byte[]>(type: "BLOB", nullable: true),
                    AnswerNonce = table.Column<byte[]>(type: "BLOB", nullable: true),
                    AnswerCiphertext = table.Column<byte[]>(type: "BLOB", nullable: true),
                    AnsweredAt = table.Column<long>(type: "INTEGER", nullable: true),
                    PickedUpAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PendingInquiries", x => x.InquiryId);
                });

            migrationBuilder.CreateTable(
                name: "PermittedLists",
                columns: table => new
                {
                    InstitutionCode = table.Column<string>(type: "TEXT", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false),
                    SignedList = table.Column<byte[]>(type: "BLOB", nullable: false),
                    Signature = table.Column<byte[]>(type: "BLOB", nullable: false),
                    KeyId = table.Column<string>(type: "TEXT", nullable: false),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PermittedLists", x => x.InstitutionCode);
                });

            migrationBuilder.CreateTable(
                name: "ProvisionRecords",
                columns: table => new
                {
                    Sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    InstitutionCode = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    RecordedAtMs = table.Column<long>(type: "INTEGER", nullable: false),
                    Direction = table.Column<int>(type: "INTEGER", nullable: false),
                    InquiryId = table.Column<string>(type: "TEXT", nullable: false),
                    PermitId = table.Column<string>(type: "TEXT", nullable: false),
                    InquirerInstitution = table.Column<string>(type: "TEXT", nullable: false),
                    ProviderInstitution = table.Column<string>(type: "TEXT", nullable: false),
                    Affair = table.Column<string>(type: "TEXT", nullable: false),
                    Procedure = table.Column<string>(type: "TEXT", nullable: false),
                    InformationName = table.Column<string>(type: "TEXT", nullable: false),
                    LegalBasis = table.Column<string>(type: "TEXT", nullable: false),
                    Outcome = table.Column<int>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", nullable: false),
                    InternalAddressNumber = table.Column<string>(type: "TEXT", nullable: true),
                    PermitExpiresAtMs = table.Column<long>(type: "INTEGER", nullable: true),
                    PreviousHash = table.Column<byte[]>(type: "BLOB", nullable: false),
                    Hash = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProvisionRecords", x => x.Sequence);
                });

            migrationBuilder.CreateTable(
                name: "SymbolMappings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    InstitutionCode = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    InternalAddressNumber = table.Column<string>(type: "TEXT", maxLength: 15, nullable: false),
                    Symbol = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    AcquiredAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RetiredAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SymbolMappings", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Copies_InstitutionCode_InternalAddressNumber_InformationNameCode_IsCurrent",
                table: "Copies",
                columns: new[] { "InstitutionCode", "InternalAddressNumber", "InformationNameCode", "IsCurrent" });

            migrationBuilder.CreateIndex(
                name: "IX_Copies_InstitutionCode_InternalAddressNumber_InformationNameCode_RecordKey_Version",
                table: "Copies",
                columns: new[] { "InstitutionCode", "InternalAddressNumber", "InformationNameCode", "RecordKey", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CopyBatches_InstitutionCode_BatchId",
                table: "CopyBatches",
                columns: new[] { "InstitutionCode", "BatchId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_HeldResponses_InstitutionCode_DecidedAt_Deadline",
                table: "HeldResponses",
                columns: new[] { "InstitutionCode", "DecidedAt", "Deadline" });

            migrationBuilder.CreateIndex(
                name: "IX_PendingInquiries_InstitutionCode_AnsweredAt_PickedUpAt",
                table: "PendingInquiries",
                columns: new[] { "InstitutionCode", "AnsweredAt", "PickedUpAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ProvisionRecords_InstitutionCode_InternalAddressNumber",
                table: "ProvisionRecords",
                columns: new[] { "InstitutionCode", "InternalAddressNumber" });

            migrationBuilder.CreateIndex(
                name: "IX_ProvisionRecords_PermitExpiresAtMs",
                table: "ProvisionRecords",
                column: "PermitExpiresAtMs",
                filter: "PermitExpiresAtMs IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_SymbolMappings_InstitutionCode_InternalAddressNumber",
                table: "SymbolMappings",
                columns: new[] { "InstitutionCode", "InternalAddressNumber" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SymbolMappings_InstitutionCode_Symbol",
                table: "SymbolMappings",
                columns: new[] { "InstitutionCode", "Symbol" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Copies");

            migrationBuilder.DropTable(
                name: "CopyBatches");

            migrationBuilder.DropTable(
                name: "HeldResponses");

            migrationBuilder.DropTable(
                name: "PendingInquiries");

            migrationBuilder.DropTable(
                name: "PermittedLists");

            migrationBuilder.DropTable(
                name: "ProvisionRecords");

            migrationBuilder.DropTable(
                name: "SymbolMappings");
        }
    }
}
