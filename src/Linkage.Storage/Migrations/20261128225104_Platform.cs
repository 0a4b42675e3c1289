using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Linkage.Storage.Migrations
{
    /// <inheritdoc />
    public partial class Platform : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ProvisionRecords_PermitExpiresAtMs",
                table: "ProvisionRecords");

            migrationBuilder.DropIndex(
                name: "IX_Checkpoints_Unwitnessed",
                table: "Checkpoints");

            migrationBuilder.CreateTable(
                name: "DataKeys",
                columns: table => new
                {
                    InstitutionCode = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    KeyId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Generation = table.Column<int>(type: "INTEGER", nullable: false),
                    WrappedKey = table.Column<byte[]>(type: "BLOB", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataKeys", x => new { x.InstitutionCode, x.KeyId });
                });

            migrationBuilder.CreateTable(
                name: "UsedPermits",
                columns: table => new
                {
                    PermitId = table.Column<string>(type: "TEXT", nullable: false),
                    ExpiresAtMs = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UsedPermits", x => x.PermitId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Checkpoints_Unwitnessed",
                table: "Checkpoints",
                columns: new[] { "ChainId", "Sequence" },
                filter: "\"WitnessSignature\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_DataKeys_InstitutionCode_Generation",
                table: "DataKeys",
                columns: new[] { "InstitutionCode", "Generation" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_UsedPermits_ExpiresAtMs",
                table: "UsedPermits",
                column: "ExpiresAtMs");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DataKeys");

            migrationBuilder.DropTable(
                name: "UsedPermits");

            migrationBuilder.DropIndex(
                name: "IX_Checkpoints_Unwitnessed",
                table: "Checkpoints");

            migrationBuilder.CreateIndex(
                name: "IX_ProvisionRecords_PermitExpiresAtMs",
                table: "ProvisionRecords",
                column: "PermitExpiresAtMs",
                filter: "PermitExpiresAtMs IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Checkpoints_Unwitnessed",
                table: "Checkpoints",
                columns: new[] { "ChainId", "Sequence" },
                filter: "WitnessSignature IS NULL");
        }
    }
}
