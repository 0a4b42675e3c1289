using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Linkage.Storage.Migrations
{
    /// <inheritdoc />
    public partial class RecordsWitnessedTickets : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ChainAnchors",
                columns: table => new
                {
                    ChainId = table.Column<string>(type: "TEXT", nullable: false),
                    Sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    Hash = table.Column<byte[]>(type: "BLOB", nullable: false),
                    PurgedAtMs = table.Column<long>(type: "INTEGER", nullable: false),
                    PurgedEntries = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChainAnchors", x => x.ChainId);
                });

            migrationBuilder.CreateTable(
                name: "Checkpoints",
                columns: table => new
                {
                    ChainId = table.Column<string>(type: "TEXT", nullable: false),
                    Sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    HeadHash = table.Column<byte[]>(type: "BLOB", nullable: false),
                    SealedAtMs = table.Column<long>(type: "INTEGER", nullable: false),
                    PreviousSequence = table.Column<long>(type: "INTEGER", nullable: false),
                    PreviousHash = table.Column<byte[]>(type: "BLOB", nullable: false),
                    KeyId = table.Column<string>(type: "TEXT", nullable: false),
                    Signature = table.Column<byte[]>(type: "BLOB", nullable: false),
                    WitnessedAtMs = table.Column<long>(type: "INTEGER", nullable: true),
                    WitnessKeyId = table.Column<string>(type: "TEXT", nullable: true),
                    WitnessSignature = table.Column<byte[]>(type: "BLOB", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Checkpoints", x => new { x.ChainId, x.Sequence });
                });

            migrationBuilder.CreateTable(
                name: "NonDisclosureMarks",
                columns: table => new
                {
                    Sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", nullable: false),
                    MarkedBy = table.Column<string>(type: "TEXT", nullable: false),
                    MarkedAtMs = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NonDisclosureMarks", x => x.Sequence);
                });

            migrationBuilder.CreateTable(
                name: "Tickets",
                columns: table => new
                {
                    TicketId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Channel = table.Column<int>(type: "INTEGER", nullable: false),
                    ByAgent = table.Column<bool>(type: "INTEGER", nullable: false),
                    InternalAddressNumber = table.Column<string>(type: "TEXT", maxLength: 15, nullable: true),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DueDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    RegisteredBy = table.Column<string>(type: "TEXT", nullable: false),
                    RegisteredAt = table.Column<long>(type: "INTEGER", nullable: false),
                    StepCount = table.Column<int>(type: "INTEGER", nullable: false),
                    ClosedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Outcome = table.Column<int>(type: "INTEGER", nullable: false),
                    KeyId = table.Column<string>(type: "TEXT", nullable: false),
                    SealedText = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Tickets", x => x.TicketId);
                });

            migrationBuilder.CreateTable(
                name: "TicketSteps",
                columns: table => new
                {
                    TicketId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    StaffId = table.Column<string>(type: "TEXT", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Outcome = table.Column<int>(type: "INTEGER", nullable: false),
                    KeyId = table.Column<string>(type: "TEXT", nullable: false),
                    SealedText = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TicketSteps", x => new { x.TicketId, x.Number });
                    table.ForeignKey(
                        name: "FK_TicketSteps_Tickets_TicketId",
                        column: x => x.TicketId,
                        principalTable: "Tickets",
                        principalColumn: "TicketId",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ProvisionRecords_InstitutionCode_RecordedAtMs",
                table: "ProvisionRecords",
                columns: new[] { "InstitutionCode", "RecordedAtMs" });

            migrationBuilder.CreateIndex(
                name: "IX_Checkpoints_Unwitnessed",
                table: "Checkpoints",
                columns: new[] { "ChainId", "Sequence" },
                filter: "WitnessSignature IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_ClosedAt_ReceivedAt_TicketId",
                table: "Tickets",
                columns: new[] { "ClosedAt", "ReceivedAt", "TicketId" });

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_InternalAddressNumber_ReceivedAt",
                table: "Tickets",
                columns: new[] { "InternalAddressNumber", "ReceivedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ChainAnchors");

            migrationBuilder.DropTable(
                name: "Checkpoints");

            migrationBuilder.DropTable(
                name: "NonDisclosureMarks");

            migrationBuilder.DropTable(
                name: "TicketSteps");

            migrationBuilder.DropTable(
                name: "Tickets");

            migrationBuilder.DropIndex(
                name: "IX_ProvisionRecords_InstitutionCode_RecordedAtMs",
                table: "ProvisionRecords");
        }
    }
}
