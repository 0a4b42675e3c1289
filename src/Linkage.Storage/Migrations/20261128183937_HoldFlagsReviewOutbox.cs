using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Linkage.Storage.Migrations
{
    /// <inheritdoc />
    public partial class HoldFlagsReviewOutbox : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_HeldResponses_InstitutionCode_DecidedAt_Deadline",
                table: "HeldResponses");

            migrationBuilder.AddColumn<bool>(
                name: "Escalated",
                table: "HeldResponses",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "FirstApprovedBy",
                table: "HeldResponses",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "InquirerInstitution",
                table: "HeldResponses",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "State",
                table: "HeldResponses",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<bool>(
                name: "TwoPerson",
                table: "HeldResponses",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "AnswerOutbox",
                columns: table => new
                {
                    PermitId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    InquiryId = table.Column<string>(type: "TEXT", nullable: false),
                    Permit = table.Column<byte[]>(type: "BLOB", nullable: false),
                    Signature = table.Column<byte[]>(type: "BLOB", nullable: false),
                    KeyId = table.Column<string>(type: "TEXT", nullable: false),
                    Outcome = table.Column<int>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", nullable: false),
                    SenderPublicKey = table.Column<byte[]>(type: "BLOB", nullable: true),
                    Nonce = table.Column<byte[]>(type: "BLOB", nullable: true),
                    Ciphertext = table.Column<byte[]>(type: "BLOB", nullable: true),
                    State = table.Column<int>(type: "INTEGER", nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    LastError = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AnswerOutbox", x => x.PermitId);
                });

            migrationBuilder.CreateTable(
                name: "HeldDecisions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PermitId = table.Column<string>(type: "TEXT", nullable: false),
                    StaffId = table.Column<string>(type: "TEXT", nullable: false),
                    Decision = table.Column<string>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HeldDecisions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "HoldFlags",
                columns: table => new
                {
                    Sequence = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FlagId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    InternalAddressNumber = table.Column<string>(type: "TEXT", maxLength: 15, nullable: true),
                    InformationNameCode = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    Reason = table.Column<int>(type: "INTEGER", nullable: false),
                    ReasonText = table.Column<string>(type: "TEXT", nullable: false),
                    EffectiveFrom = table.Column<long>(type: "INTEGER", nullable: false),
                    EffectiveTo = table.Column<long>(type: "INTEGER", nullable: true),
                    SetBy = table.Column<string>(type: "TEXT", nullable: false),
                    SetAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ClearedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ClearedBy = table.Column<string>(type: "TEXT", nullable: false),
                    ClearReason = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HoldFlags", x => x.Sequence);
                });

            migrationBuilder.CreateIndex(
                name: "IX_HeldResponses_Escalated_Deadline",
                table: "HeldResponses",
                columns: new[] { "Escalated", "Deadline" });

            migrationBuilder.CreateIndex(
                name: "IX_HeldResponses_Escalated_ReceivedAt_PermitId",
                table: "HeldResponses",
                columns: new[] { "Escalated", "ReceivedAt", "PermitId" },
                descending: new[] { true, false, false });

            migrationBuilder.CreateIndex(
                name: "IX_AnswerOutbox_State_CreatedAt",
                table: "AnswerOutbox",
                columns: new[] { "State", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_HeldDecisions_PermitId_Id",
                table: "HeldDecisions",
                columns: new[] { "PermitId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_HoldFlags_ClearedAt_Sequence",
                table: "HoldFlags",
                columns: new[] { "ClearedAt", "Sequence" });

            migrationBuilder.CreateIndex(
                name: "IX_HoldFlags_FlagId",
                table: "HoldFlags",
                column: "FlagId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_HoldFlags_InformationNameCode_Sequence",
                table: "HoldFlags",
                columns: new[] { "InformationNameCode", "Sequence" });

            migrationBuilder.CreateIndex(
                name: "IX_HoldFlags_InternalAddressNumber_Sequence",
                table: "HoldFlags",
                columns: new[] { "InternalAddressNumber", "Sequence" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AnswerOutbox");

            migrationBuilder.DropTable(
                name: "HeldDecisions");

            migrationBuilder.DropTable(
                name: "HoldFlags");

            migrationBuilder.DropIndex(
                name: "IX_HeldResponses_Escalated_Deadline",
                table: "HeldResponses");

            migrationBuilder.DropIndex(
                name: "IX_HeldResponses_Escalated_ReceivedAt_PermitId",
                table: "HeldResponses");

            migrationBuilder.DropColumn(
                name: "Escalated",
                table: "HeldResponses");

            migrationBuilder.DropColumn(
                name: "FirstApprovedBy",
                table: "HeldResponses");

            migrationBuilder.DropColumn(
                name: "InquirerInstitution",
                table: "HeldResponses");

            migrationBuilder.DropColumn(
                name: "State",
                table: "HeldResponses");

            migrationBuilder.DropColumn(
                name: "TwoPerson",
                table: "HeldResponses");

            migrationBuilder.CreateIndex(
                name: "IX_HeldResponses_InstitutionCode_DecidedAt_Deadline",
                table: "HeldResponses",
                columns: new[] { "InstitutionCode", "DecidedAt", "Deadline" });
        }
    }
}
