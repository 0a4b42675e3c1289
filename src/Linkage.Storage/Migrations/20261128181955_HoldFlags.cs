using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Linkage.Storage.Migrations
{
    /// <inheritdoc />
    public partial class HoldFlags : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
                name: "HoldFlags");
        }
    }
}
