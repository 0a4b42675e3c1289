using Linkage.Storage.Backup;
using Microsoft.Data.Sqlite;

namespace Linkage.Cli.Tests;

/// <summary>
/// A damaged archive is refused with a message naming what is wrong, and leaves nothing at the target: one flipped
/// byte in each part of it, a cut at each part, bytes added, a manifest that disagrees with its file, and a database
/// whose hashes match but which SQLite finds corrupt.
/// </summary>
public sealed class DamagedBackupTests
{
    [Fact]
    public async Task One_flipped_byte_in_any_part_of_the_archive_is_refused_naming_what_is_wrong()
    {
        using var scratch = await BackupScratch.CreateAsync();
        var at = scratch.Offsets();
        var json = File.ReadAllBytes(scratch.Archive).AsSpan(512, (int)at.ManifestSize);
        // A digit of the time the copy was taken: still a valid manifest, so only the archive's digest can tell.
        var createdAt = 512 + json.IndexOf("\"createdAt\": \"2"u8) + "\"createdAt\": \"2"u8.Length + 2;
        Assert.True(at.ManifestSize % 512 != 0 && at.DatabaseSize > 4096);

        var cases = new (string Part, long Offset, string Says)[]
        {
            ("the manifest's header", 100, "The tar header of the entry where manifest.json belongs fails its checksum."),
            ("the manifest's time", createdAt, "which its archive.sha256 entry does not record"),
            ("the padding after the manifest", 512 + at.ManifestSize, "The padding after manifest.json is not zero."),
            ("the database's size in its header", at.DatabaseHeader + 130, "The tar header of the entry where linkage.db belongs fails its checksum."),
            ("the database's first page", at.DatabaseData + 20, "linkage.db does not match the manifest: its SHA-256 is"),
            ("the database's last byte", at.DatabaseData + at.DatabaseSize - 1, "linkage.db does not match the manifest: its SHA-256 is"),
            ("the digest's header", at.DigestHeader + 5, "The tar header of the entry where archive.sha256 belongs fails its checksum."),
            ("the digest", at.DigestData + 7, "which its archive.sha256 entry does not record"),
            ("the end of the tar", at.EndBlocks + 700, "The two zero blocks that end the tar are not zero."),
        };
        foreach (var (part, offset, says) in cases)
        {
            var damaged = scratch.Damaged("flipped", bytes =>
            {
                bytes[offset] ^= 0x01;
                return bytes;
            });

            var run = await scratch.RestoreAsync(damaged);

            Assert.True(run.ExitCode == ExitCodes.Refused, $"{part}: {run}");
            Assert.StartsWith($"refused {BackupRefusals.BackupDamaged}: The archive is damaged: ", run.Error, StringComparison.Ordinal);
            Assert.True(run.Error.Contains(says, StringComparison.Ordinal), $"{part}: {run.Error}");
            Assert.Contains("Nothing was restored.", run.Error);
            scratch.AssertNothingRestored();
        }
    }

    [Fact]
    public async Task A_truncated_archive_or_one_with_bytes_added_is_refused_and_nothing_is_restored()
    {
        using var scratch = await BackupScratch.CreateAsync();
        var at = scratch.Offsets();

        var cases = new (string Part, long Length, string Says)[]
        {
            ("empty", 0, "It ends after 0 bytes, inside the header of manifest.json: the archive is truncated."),
            ("inside the manifest", 600, "inside manifest.json: the archive is truncated."),
            ("inside the database", at.DatabaseData + at.DatabaseSize / 2, "inside linkage.db: the archive is truncated."),
            ("before the digest", at.DigestHeader, "inside the header of archive.sha256: the archive is truncated."),
            ("without the end of the tar", at.EndBlocks, "inside the end of the tar: the archive is truncated."),
            ("one byte short", at.Length - 1, "inside the end of the tar: the archive is truncated."),
        };
        foreach (var (part, length, says) in cases)
        {
            var run = await scratch.RestoreAsync(scratch.Damaged("cut", bytes => bytes[..(int)length]));

            Assert.True(run.ExitCode == ExitCodes.Refused, $"{part}: {run}");
            Assert.True(run.Error.Contains($"refused {BackupRefusals.BackupDamaged}: ", StringComparison.Ordinal)
                && run.Error.Contains(says, StringComparison.Ordinal), $"{part}: {run.Error}");
            scratch.AssertNothingRestored();
        }

        var longer = await scratch.RestoreAsync(scratch.Damaged("longer", bytes => [.. bytes, .. new byte[512]]));
        Assert.True(longer.ExitCode == ExitCodes.Refused, longer.ToString());
        Assert.Contains($"It goes on after the end of the tar, at byte {at.Length}.", longer.Error);
        scratch.AssertNothingRestored();
    }

    [Fact]
    public async Task A_manifest_whose_hash_is_not_its_files_is_refused_naming_the_file_and_both_hashes()
    {
        using var scratch = await BackupScratch.CreateAsync();
        var manifest = BackupScratch.ManifestOf(scratch.Archive);
        var wrong = new string('0', 64);
        var actual = manifest.Files[0].Sha256;
        // A whole archive, digest and all, whose manifest simply disagrees with the file it lists.
        var archive = await RepackAsync(scratch, manifest with { Files = [manifest.Files[0] with { Sha256 = wrong }] }, Extracted(scratch));

        var run = await scratch.RestoreAsync(archive);

        Assert.True(run.ExitCode == ExitCodes.Refused, run.ToString());
        Assert.Contains($"refused {BackupRefusals.BackupDamaged}: The archive is damaged: linkage.db does not match the manifest: "
            + $"its SHA-256 is {actual} where the manifest says {wrong}.", run.Error);
        scratch.AssertNothingRestored();
    }

    [Fact]
    public async Task A_database_that_matches_its_hashes_but_fails_SQLites_integrity_check_is_refused()
    {
        using var scratch = await BackupScratch.CreateAsync();
        var database = Path.Combine(scratch.Folder, SqliteBackupSource.DatabaseFile);
        long root;
        using (var connection = new SqliteConnection($"Data Source={database};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE Numbers (Value INTEGER); CREATE INDEX IX_Numbers ON Numbers (Value);"
                + "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50) INSERT INTO Numbers SELECT 1000000 + i FROM n;"
                + "SELECT rootpage FROM sqlite_schema WHERE name = 'IX_Numbers';";
            root = (long)command.ExecuteScalar()!;
        }
        // The last byte of the index's only page is the row id of its first entry: the index no longer matches the table.
        var bytes = File.ReadAllBytes(database);
        bytes[root * 4096 - 1] ^= 0x01;
        File.WriteAllBytes(database, bytes);
        var manifest = BackupManifest.Create(SqliteBackupSource.ProviderName, null, DateTimeOffset.UtcNow, null,
            [new BackupFile(SqliteBackupSource.DatabaseFile, bytes.Length, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)))], []);

        var run = await scratch.RestoreAsync(await RepackAsync(scratch, manifest, database));

        Assert.True(run.ExitCode == ExitCodes.Refused, run.ToString());
        Assert.Contains($"refused {BackupRefusals.BackupDamaged}: The archive is damaged: SQLite's integrity check of linkage.db finds ", run.Error);
        scratch.AssertNothingRestored();
    }

    [Fact]
    public async Task An_archive_of_another_format_version_or_provider_is_refused_as_unsupported()
    {
        using var scratch = await BackupScratch.CreateAsync();
        var manifest = BackupScratch.ManifestOf(scratch.Archive);
        var database = Extracted(scratch);

        var newer = await scratch.RestoreAsync(await RepackAsync(scratch, manifest with { FormatVersion = 2 }, database, "newer"));
        var postgres = await scratch.RestoreAsync(await RepackAsync(scratch, manifest with { Provider = "postgresql" }, database, "postgres"));

        Assert.True(newer.ExitCode == ExitCodes.Refused, newer.ToString());
        Assert.StartsWith($"refused {BackupRefusals.BackupUnsupported}: The archive is of format version 2; this linkage reads version 1.", newer.Error,
            StringComparison.Ordinal);
        Assert.True(postgres.ExitCode == ExitCodes.Refused, postgres.ToString());
        Assert.StartsWith($"refused {BackupRefusals.BackupUnsupported}: The archive is a backup of a postgresql database", postgres.Error,
            StringComparison.Ordinal);
        scratch.AssertNothingRestored();
    }

    /// <summary>The database file of the scratch archive, taken out with .NET's own tar reader.</summary>
    private static string Extracted(BackupScratch scratch)
    {
        var path = Path.Combine(scratch.Folder, SqliteBackupSource.DatabaseFile);
        using var tar = new System.Formats.Tar.TarReader(File.OpenRead(scratch.Archive));
        tar.GetNextEntry();
        tar.GetNextEntry()!.ExtractToFile(path, overwrite: false);
        return path;
    }

    private static async Task<string> RepackAsync(BackupScratch scratch, BackupManifest manifest, string database, string name = "repacked")
    {
        var path = Path.Combine(scratch.Folder, name + ".tar");
        await using var output = File.Create(path);
        await BackupArchiveWriter.WriteAsync(output, manifest, [database], CancellationToken.None);
        return path;
    }
}
