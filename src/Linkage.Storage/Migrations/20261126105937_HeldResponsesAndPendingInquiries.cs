using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Linkage.Storage.Migrations
{
    /// <inheritdoc />
    public partial class HeldResponsesAndPendingInquiries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: true)
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
                    EncryptedPrivateKey = table.Column<byte[]>(type: "BLOB", nullable: false),
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

            migrationBuilder.CreateIndex(
                name: "IX_HeldResponses_InstitutionCode_DecidedAt_Deadline",
                table: "HeldResponses",
                columns: new[] { "InstitutionCode", "DecidedAt", "Deadline" });

            migrationBuilder.CreateIndex(
                name: "IX_PendingInquiries_InstitutionCode_AnsweredAt_PickedUpAt",
                table: "PendingInquiries",
                columns: new[] { "InstitutionCode", "AnsweredAt", "PickedUpAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "HeldResponses");

            migrationBuilder.DropTable(
                name: "PendingInquiries");
        }
    }
}
