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
            migrationBuilder.DropPrimaryKey(
                name: "PK_ProvisionRecords",
                table: "ProvisionRecords");

            migrationBuilder.DropIndex(
                name: "IX_ProvisionRecords_PermitExpiresAtMs",
                table: "ProvisionRecords");

            migrationBuilder.DropPrimaryKey(
                name: "PK_OperationLog",
                table: "OperationLog");

            migrationBuilder.DropIndex(
                name: "IX_OperationLog_ActorId_Sequence",
                table: "OperationLog");

            migrationBuilder.DropPrimaryKey(
                name: "PK_NonDisclosureMarks",
                table: "NonDisclosureMarks");

            migrationBuilder.DropIndex(
                name: "IX_Checkpoints_Unwitnessed",
                table: "Checkpoints");

            migrationBuilder.AddColumn<string>(
                name: "Node",
                table: "ProvisionRecords",
                type: "TEXT",
                maxLength: 32,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Node",
                table: "OperationLog",
                type: "TEXT",
                maxLength: 32,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Node",
                table: "NonDisclosureMarks",
                type: "TEXT",
                maxLength: 32,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddPrimaryKey(
                name: "PK_ProvisionRecords",
                table: "ProvisionRecords",
                columns: new[] { "Node", "Sequence" });

            migrationBuilder.AddPrimaryKey(
                name: "PK_OperationLog",
                table: "OperationLog",
                columns: new[] { "Node", "Sequence" });

            migrationBuilder.AddPrimaryKey(
                name: "PK_NonDisclosureMarks",
                table: "NonDisclosureMarks",
                columns: new[] { "Node", "Sequence" });

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
                name: "IX_OperationLog_ActorId_Node_Sequence",
                table: "OperationLog",
                columns: new[] { "ActorId", "Node", "Sequence" });

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

            migrationBuilder.DropPrimaryKey(
                name: "PK_ProvisionRecords",
                table: "ProvisionRecords");

            migrationBuilder.DropPrimaryKey(
                name: "PK_OperationLog",
                table: "OperationLog");

            migrationBuilder.DropIndex(
                name: "IX_OperationLog_ActorId_Node_Sequence",
                table: "OperationLog");

            migrationBuilder.DropPrimaryKey(
                name: "PK_NonDisclosureMarks",
                table: "NonDisclosureMarks");

            migrationBuilder.DropIndex(
                name: "IX_Checkpoints_Unwitnessed",
                table: "Checkpoints");

            migrationBuilder.DropColumn(
                name: "Node",
                table: "ProvisionRecords");

            migrationBuilder.DropColumn(
                name: "Node",
                table: "OperationLog");

            migrationBuilder.DropColumn(
                name: "Node",
                table: "NonDisclosureMarks");

            migrationBuilder.AddPrimaryKey(
                name: "PK_ProvisionRecords",
                table: "ProvisionRecords",
                column: "Sequence");

            migrationBuilder.AddPrimaryKey(
                name: "PK_OperationLog",
                table: "OperationLog",
                column: "Sequence");

            migrationBuilder.AddPrimaryKey(
                name: "PK_NonDisclosureMarks",
                table: "NonDisclosureMarks",
                column: "Sequence");

            migrationBuilder.CreateIndex(
                name: "IX_ProvisionRecords_PermitExpiresAtMs",
                table: "ProvisionRecords",
                column: "PermitExpiresAtMs",
                filter: "PermitExpiresAtMs IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_OperationLog_ActorId_Sequence",
                table: "OperationLog",
                columns: new[] { "ActorId", "Sequence" });

            migrationBuilder.CreateIndex(
                name: "IX_Checkpoints_Unwitnessed",
                table: "Checkpoints",
                columns: new[] { "ChainId", "Sequence" },
                filter: "WitnessSignature IS NULL");
        }
    }
}
