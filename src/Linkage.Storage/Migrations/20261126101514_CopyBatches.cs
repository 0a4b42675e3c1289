using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Linkage.Storage.Migrations
{
    /// <inheritdoc />
    public partial class CopyBatches : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "BatchNumber",
                table: "Copies",
                type: "INTEGER",
                nullable: true);

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

            migrationBuilder.CreateIndex(
                name: "IX_CopyBatches_InstitutionCode_BatchId",
                table: "CopyBatches",
                columns: new[] { "InstitutionCode", "BatchId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CopyBatches");

            migrationBuilder.DropColumn(
                name: "BatchNumber",
                table: "Copies");
        }
    }
}
