using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Linkage.Storage.Migrations
{
    /// <summary>
    /// Held answers get a key of their own, fixed when they are held, instead of sealing to (and keeping) the
    /// inquirer's private key. Provider side: three nullable columns (null in rows held before, which are released
    /// as before). Inquirer side: the key column is renamed, and rows made before keep their private key, marked so.
    /// Going down cannot turn an answer key back into a private key, and drops the providers' held answer keys (older
    /// code would seal with its current key, which the inquirer cannot open): before reverting, every inquiry held
    /// after this migration must be answered and picked up, and every answer held here decided.
    /// </summary>
    public partial class HeldAnswerKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameColumn(
                name: "EncryptedPrivateKey",
                table: "PendingInquiries",
                newName: "EncryptedHeldKey");

            migrationBuilder.AddColumn<bool>(
                name: "HeldKeyIsAnswerKey",
                table: "PendingInquiries",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "AnswerKeyId",
                table: "HeldResponses",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "AnswerSenderPublicKey",
                table: "HeldResponses",
                type: "BLOB",
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "EncryptedAnswerKey",
                table: "HeldResponses",
                type: "BLOB",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "HeldKeyIsAnswerKey",
                table: "PendingInquiries");

            migrationBuilder.DropColumn(
                name: "AnswerKeyId",
                table: "HeldResponses");

            migrationBuilder.DropColumn(
                name: "AnswerSenderPublicKey",
                table: "HeldResponses");

            migrationBuilder.DropColumn(
                name: "EncryptedAnswerKey",
                table: "HeldResponses");

            migrationBuilder.RenameColumn(
                name: "EncryptedHeldKey",
                table: "PendingInquiries",
                newName: "EncryptedPrivateKey");
        }
    }
}
