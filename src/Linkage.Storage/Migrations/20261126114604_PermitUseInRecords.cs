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

            // Carry the used ids over, onto the incoming record that used each permit: the first one that answered
            // (provided, held, no data, unknown symbol). Refusals before it left the permit unused; replays after it
            // were refused. A permit with no such record (written by an older build) marks its last record.
            migrationBuilder.Sql("""
                UPDATE ProvisionRecords
                SET PermitExpiresAtMs = (SELECT s.ExpiresAtMs FROM SeenPermits s WHERE s.PermitId = ProvisionRecords.PermitId)
                WHERE Sequence IN (
                    SELECT COALESCE(
                        MIN(CASE WHEN r.Outcome IN (1, 2) OR r.Reason IN ('NO_DATA', 'SYMBOL_UNKNOWN') THEN r.Sequence END),
                        MAX(r.Sequence))
                    FROM ProvisionRecords r JOIN SeenPermits s ON s.PermitId = r.PermitId
                    WHERE r.Direction = 1
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

            migrationBuilder.Sql("""
                INSERT OR IGNORE INTO SeenPermits (PermitId, ExpiresAtMs, InstitutionCode)
                SELECT PermitId, PermitExpiresAtMs, InstitutionCode FROM ProvisionRecords WHERE PermitExpiresAtMs IS NOT NULL;
                """);

            migrationBuilder.DropIndex(
                name: "IX_ProvisionRecords_PermitExpiresAtMs",
                table: "ProvisionRecords");

            migrationBuilder.DropColumn(
                name: "PermitExpiresAtMs",
                table: "ProvisionRecords");
        }
    }
}
