using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Linkage.Storage.Migrations
{
    /// <inheritdoc />
    public partial class PermitUseInRecords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "PermitExpiresAtMs",
                table: "ProvisionRecords",
                type: "INTEGER",
                nullable: true);

            // Carry the used ids over: the last record naming each used permit is the one that used it (earlier
            // ones can only be refusals that left it unused).
            migrationBuilder.Sql("""
                UPDATE ProvisionRecords
                SET PermitExpiresAtMs = (SELECT s.ExpiresAtMs FROM SeenPermits s WHERE s.PermitId = ProvisionRecords.PermitId)
                WHERE Sequence IN (SELECT MAX(r.Sequence) FROM ProvisionRecords r JOIN SeenPermits s ON s.PermitId = r.PermitId
                                   GROUP BY r.PermitId);
                """);

            migrationBuilder.DropTable(
                name: "SeenPermits");

            migrationBuilder.CreateIndex(
                name: "IX_ProvisionRecords_PermitExpiresAtMs",
                table: "ProvisionRecords",
                column: "PermitExpiresAtMs",
                filter: "PermitExpiresAtMs IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ProvisionRecords_PermitExpiresAtMs",
                table: "ProvisionRecords");

            migrationBuilder.DropColumn(
                name: "PermitExpiresAtMs",
                table: "ProvisionRecords");

            migrationBuilder.CreateTable(
                name: "SeenPermits",
                columns: table => new
                {
                    PermitId = table.Column<string>(type: "TEXT", nullable: false),
                    ExpiresAtMs = table.Column<long>(type: "INTEGER", nullable: false),
                    InstitutionCode = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SeenPermits", x => x.PermitId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SeenPermits_ExpiresAtMs",
                table: "SeenPermits",
                column: "ExpiresAtMs");
        }
    }
}
