using System.Text;
using Linkage.Domain.Staff;
using Linkage.Storage.Backup;
using Linkage.Testing;
using Linkage.Transport;
using Microsoft.Data.Sqlite;
using static Linkage.Testing.TestNetwork;

namespace Linkage.Cli.Tests;

/// <summary>
/// A folder of its own with a gateway database (its first administrator bootstrapped, so its rows name Tsukuba and
/// its operation log has one entry), a backup of it made by the command line, and where each part of that archive lies.
/// </summary>
internal sealed class BackupScratch : IDisposable
{
    private readonly TestPki _pki = new();

    private BackupScratch() => Folder = Directory.CreateTempSubdirectory("linkage-backup-").FullName;

    public string Folder { get; }
    public string Database => Path.Combine(Folder, "gateway.db");
    public string Archive => Path.Combine(Folder, "gateway.backup.tar");

    /// <summary>Where a restore goes: a folder that does not exist yet, as on a fresh machine.</summary>
    public string Target => Path.Combine(Folder, "fresh", "data", "gateway.db");

    public static async Task<BackupScratch> CreateAsync(bool backUp = true)
    {
        var scratch = new BackupScratch();
        scratch._pki.Issue("admin", new PeerIdentity(Tsukuba, Roles.Administrator, "boot-0001"));
        var bootstrap = await CliRun.RunAsync("bootstrap-admin", "--database", scratch.Database, "--institution", Tsukuba,
            "--id", "boot-0001", "--name", "管理 太郎", "--certificate", Path.Combine(scratch._pki.Folder, "admin.pem"));
        Assert.True(bootstrap.ExitCode == ExitCodes.Ok, bootstrap.ToString());
        if (backUp)
        {
            var backup = await CliRun.RunAsync("backup", "--database", scratch.Database, "--out", scratch.Archive);
            Assert.True(backup.ExitCode == ExitCodes.Ok, backup.ToString());
        }
        return scratch;
    }

    public Task<CliRun> RestoreAsync(string? archive = null) =>
        CliRun.RunAsync("restore", "--from", archive ?? Archive, "--database", Target);

    /// <summary>The archive's bytes with one of them changed, written beside it.</summary>
    public string Damaged(string name, Func<byte[], byte[]> change)
    {
        var path = Path.Combine(Folder, name + ".tar");
        File.WriteAllBytes(path, change(File.ReadAllBytes(Archive)));
        return path;
    }

    /// <summary>Where the entries of the archive begin (headers and data), from the sizes in its tar headers.</summary>
    public Layout Offsets()
    {
        var bytes = File.ReadAllBytes(Archive);
        static long Size(byte[] archive, long header) =>
            Convert.ToInt64(Encoding.ASCII.GetString(archive, (int)header + 124, 11), 8);
        static long Rounded(long size) => (size + 511) / 512 * 512;
        var manifestSize = Size(bytes, 0);
        var databaseHeader = 512 + Rounded(manifestSize);
        var databaseSize = Size(bytes, databaseHeader);
        var digestHeader = databaseHeader + 512 + Rounded(databaseSize);
        return new Layout(manifestSize, databaseHeader, databaseSize, digestHeader, digestHeader + 1024, bytes.Length);
    }

    public sealed record Layout(long ManifestSize, long DatabaseHeader, long DatabaseSize, long DigestHeader, long EndBlocks, long Length)
    {
        public long DatabaseData => DatabaseHeader + 512;
        public long DigestData => DigestHeader + 512;
    }

    /// <summary>Nothing at the restore target, nor the folders made for it, nor anything staged beside the archive.</summary>
    public void AssertNothingRestored()
    {
        Assert.False(File.Exists(Target), "a file was left at the restore target");
        Assert.False(Directory.Exists(Path.Combine(Folder, "fresh")), "the restore left the folders it made");
        AssertNoHiddenFiles();
    }

    /// <summary>No work or staging folder (they are hidden, beside their target) was left behind.</summary>
    public void AssertNoHiddenFiles() =>
        Assert.Empty(Directory.EnumerateFileSystemEntries(Folder, ".*", SearchOption.AllDirectories));

    public static string Scalar(string database, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) ?? "";
    }

    public static BackupManifest ManifestOf(string archive)
    {
        using var reader = new System.Formats.Tar.TarReader(File.OpenRead(archive));
        var entry = reader.GetNextEntry()!;
        Assert.Equal(BackupArchiveLayout.ManifestEntry, entry.Name);
        using var json = new MemoryStream();
        entry.DataStream!.CopyTo(json);
        return BackupManifest.Parse(json.ToArray());
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _pki.Dispose();
        Directory.Delete(Folder, recursive: true);
    }
}
