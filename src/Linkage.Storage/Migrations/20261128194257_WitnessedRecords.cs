using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Linkage.Storage.Migrations
{
    /// <inheritdoc />
    public partial class WitnessedRecords : Migration
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

            migrationBuilder.CreateIndex(
                name: "IX_Checkpoints_Unwitnessed",
                table: "Checkpoints",
                columns: new[] { "ChainId", "Sequence" },
                filter: "WitnessSignature IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ChainAnchors");

            migrationBuilder.DropTable(
                name: "Checkpoints");
        }
    }
}
