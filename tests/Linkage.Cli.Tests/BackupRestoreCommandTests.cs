using System.Formats.Tar;
using System.Security.Cryptography;
using System.Text;
using Linkage.Storage.Backup;
using static Linkage.Testing.TestNetwork;

namespace Linkage.Cli.Tests;

/// <summary>backup and restore on the command line: the archive, its manifest, a fresh restore, and what each refuses.</summary>
public sealed class BackupRestoreCommandTests
{
    [Fact]
    public async Task A_backup_is_a_private_tar_with_its_manifest_and_digest_and_restores_into_a_fresh_folder_with_the_same_rows()
    {
        using var scratch = await BackupScratch.CreateAsync();

        if (!OperatingSystem.IsWindows()) Assert.Equal(PrivateFiles.OwnerOnlyFile, File.GetUnixFileMode(scratch.Archive));
        scratch.AssertNoHiddenFiles();
        var entries = new List<(string Name, byte[] Data)>();
        using (var tar = new TarReader(File.OpenRead(scratch.Archive)))
            while (tar.GetNextEntry() is { } entry)
            {
                using var data = new MemoryStream();
                entry.DataStream?.CopyTo(data);
                entries.Add((entry.Name, data.ToArray()));
            }
        Assert.Equal([BackupArchiveLayout.ManifestEntry, SqliteBackupSource.DatabaseFile, BackupArchiveLayout.DigestEntry], entries.Select(e => e.Name));

        var manifest = BackupManifest.Parse(entries[0].Data);
        var operationHead = BackupScratch.Scalar(scratch.Database, "SELECT lower(hex(Hash)) FROM OperationLog WHERE Sequence = 1");
        Assert.Equal((SqliteBackupSource.ProviderName, Tsukuba), (manifest.Provider, manifest.InstitutionCode));
        Assert.StartsWith("2026", manifest.Schema ?? "", StringComparison.Ordinal);
        var file = Assert.Single(manifest.Files);
        Assert.Equal((SqliteBackupSource.DatabaseFile, entries[1].Data.LongLength, Convert.ToHexStringLower(SHA256.HashData(entries[1].Data))),
            (file.Name, file.Size, file.Sha256));
        // Every node's chain that has an entry (or an anchor): bootstrap-admin wrote node-1's operation log, no record yet.
        Assert.Equal([new BackupChainHead($"{Tsukuba}/node-1/operation-log", 1, operationHead)], manifest.Chains);
        // archive.sha256 says what `head -c BYTES archive | sha256sum` prints.
        var digest = Encoding.ASCII.GetString(entries[2].Data).Split("  ");
        var covered = long.Parse(digest[1]);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(scratch.Archive).AsSpan(0, (int)covered))), digest[0]);

        var restore = await scratch.RestoreAsync();

        Assert.True(restore.ExitCode == ExitCodes.Ok, restore.ToString());
        Assert.Contains($"restored {Tsukuba} into {scratch.Target}", restore.Output);
        Assert.Contains($"{Tsukuba}/node-1/operation-log: 1, {operationHead}", restore.Output);
        Assert.Equal("boot-0001", BackupScratch.Scalar(scratch.Target, "SELECT StaffId FROM StaffMembers"));
        Assert.Equal(operationHead, BackupScratch.Scalar(scratch.Target, "SELECT lower(hex(Hash)) FROM OperationLog WHERE Sequence = 1"));
        Assert.Equal("ok", BackupScratch.Scalar(scratch.Target, "PRAGMA integrity_check"));
        if (!OperatingSystem.IsWindows()) Assert.Equal(PrivateFiles.OwnerOnlyFile, File.GetUnixFileMode(scratch.Target));
        scratch.AssertNoHiddenFiles();
    }

    [Fact]
    public async Task Json_output_is_the_manifest_on_one_line()
    {
        using var scratch = await BackupScratch.CreateAsync(backUp: false);

        var backup = await CliRun.RunAsync("backup", "--database", scratch.Database, "--out", scratch.Archive, "--json");
        var restore = await CliRun.RunAsync("restore", "--from", scratch.Archive, "--database", scratch.Target, "--json");

        Assert.True(backup.ExitCode == ExitCodes.Ok, backup.ToString());
        Assert.True(restore.ExitCode == ExitCodes.Ok, restore.ToString());
        Assert.Equal(BackupScratch.ManifestOf(scratch.Archive).ToJsonLine(), backup.Output.Trim());
        Assert.Equal(backup.Output, restore.Output);
    }

    [Fact]
    public async Task Restore_over_an_existing_database_or_its_write_ahead_log_is_refused_and_leaves_them_as_they_were()
    {
        using var scratch = await BackupScratch.CreateAsync();
        Directory.CreateDirectory(Path.GetDirectoryName(scratch.Target)!);

        foreach (var existing in new[] { scratch.Target, scratch.Target + "-wal" })
        {
            File.WriteAllText(existing, "the deployment's own");

            var refused = await scratch.RestoreAsync();

            Assert.True(refused.ExitCode == ExitCodes.Refused, refused.ToString());
            Assert.StartsWith($"refused {BackupRefusals.RestoreTargetExists}: {existing} exists", refused.Error, StringComparison.Ordinal);
            Assert.Equal("the deployment's own", File.ReadAllText(existing));
            Assert.Equal([existing], Directory.GetFileSystemEntries(Path.GetDirectoryName(scratch.Target)!));
            File.Delete(existing);
        }
        scratch.AssertNoHiddenFiles();
    }

    [Fact]
    public async Task Backup_never_replaces_an_archive_and_a_missing_database_writes_nothing()
    {
        using var scratch = await BackupScratch.CreateAsync();
        var before = File.ReadAllBytes(scratch.Archive);

        var again = await CliRun.RunAsync("backup", "--database", scratch.Database, "--out", scratch.Archive);
        var missing = await CliRun.RunAsync("backup", "--database", Path.Combine(scratch.Folder, "none.db"), "--out", Path.Combine(scratch.Folder, "none.tar"));

        Assert.True(again.ExitCode == ExitCodes.Refused, again.ToString());
        Assert.StartsWith($"refused {BackupRefusals.BackupExists}: ", again.Error, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(scratch.Archive));
        Assert.True(missing.ExitCode == ExitCodes.Failure, missing.ToString());
        Assert.Contains("No database file at", missing.Error);
        Assert.False(File.Exists(Path.Combine(scratch.Folder, "none.tar")));
        Assert.False(File.Exists(Path.Combine(scratch.Folder, "none.db")));
        scratch.AssertNoHiddenFiles();
    }

    [Fact]
    public async Task A_file_that_is_not_a_gateways_database_is_not_backed_up()
    {
        using var scratch = await BackupScratch.CreateAsync(backUp: false);
        var other = Path.Combine(scratch.Folder, "other.db");
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={other};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE Notes (Text TEXT);";
            command.ExecuteNonQuery();
        }

        var run = await CliRun.RunAsync("backup", "--database", other, "--out", scratch.Archive);

        Assert.True(run.ExitCode == ExitCodes.Refused, run.ToString());
        Assert.StartsWith($"refused {BackupRefusals.DatabaseUnusable}: The database has no table ProvisionRecords", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(scratch.Archive));
        scratch.AssertNoHiddenFiles();
    }
}
