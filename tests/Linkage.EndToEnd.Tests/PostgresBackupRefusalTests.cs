using System.Formats.Tar;
using System.Text;
using Linkage.Domain.Staff;
using Linkage.Storage.Backup;
using Linkage.Testing;
using Linkage.Transport;
using Npgsql;
using static Linkage.Testing.TestNetwork;

namespace Linkage.EndToEnd.Tests;

/// <summary>
/// What a PostgreSQL restore refuses, and that a refusal leaves the target schema as it was: a damaged archive before
/// anything runs; a dump that disagrees with its manifest, holds data the server refuses, or ends before pg_restore has
/// read it all, after some or all of its SQL has run, rolled back whole; a schema that holds tables; a role that does not own the schema. The backed-up gateway is
/// Hitachinaka's schema with its first administrator (<c>linkage bootstrap-admin --postgres</c>).
/// </summary>
[Trait("Storage", PostgresFactAttribute.Trait)]
public sealed class PostgresBackupRefusalTests : IDisposable
{
    private const string StaffId = "boot-0001";
    private readonly TestPki _pki = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("linkage-pg-backup-").FullName;

    private string Source => Path.Combine(_folder, "source.db");
    private string Archive => Path.Combine(_folder, "source.tar");

    /// <summary>A fresh deployment of its own per name: Hitachinaka's empty schema in a new database.</summary>
    private string Fresh(string name) => TestStorage.InstitutionConnectionString(Path.Combine(_folder, name + ".db"), Hitachinaka);

    private bool HoldsTables(string name) => TestStorage.Exists(Path.Combine(_folder, name + ".db"), Hitachinaka);

    private async Task BackUpAsync()
    {
        _pki.Issue("admin", new PeerIdentity(Hitachinaka, Roles.Administrator, StaffId));
        var bootstrap = await CliAsync("bootstrap-admin", "--postgres", TestStorage.InstitutionConnectionString(Source, Hitachinaka),
            "--institution", Hitachinaka, "--id", StaffId, "--name", "管理 太郎", "--certificate", Path.Combine(_pki.Folder, "admin.pem"));
        Assert.True(bootstrap.ExitCode == 0, bootstrap.Text);
        var backup = await CliAsync("backup", "--postgres", TestStorage.OperatorConnectionString(Source, Hitachinaka), "--out", Archive);
        Assert.True(backup.ExitCode == 0, backup.Text);
    }

    [PostgresFact(Timeout = 120_000)]
    public async Task A_damaged_archive_is_refused_before_anything_runs_and_the_schema_stays_empty()
    {
        await BackUpAsync();
        var (manifest, dump) = Read(Archive);
        var bytes = await File.ReadAllBytesAsync(Archive);
        // A byte in the middle of the dump, wherever that falls: the archive's hashes name it.
        bytes[bytes.Length / 2] ^= 0x01;
        var damaged = Path.Combine(_folder, "damaged.tar");
        await File.WriteAllBytesAsync(damaged, bytes);

        var run = await CliAsync("restore", "--from", damaged, "--postgres", Fresh("damaged"));

        Assert.True(run.ExitCode == 1, run.Text);
        Assert.Contains($"refused {BackupRefusals.BackupDamaged}: The archive is damaged: {PostgresBackupSource.DumpFile} does not match the manifest", run.Text);
        Assert.False(HoldsTables("damaged"));
        Assert.True(dump.Length > 10_000 && manifest.Files.Count == 1);
    }

    [PostgresFact(Timeout = 120_000)]
    public async Task A_dump_that_disagrees_with_its_manifest_or_holds_refused_data_is_rolled_back_whole()
    {
        await BackUpAsync();
        var (manifest, dump) = Read(Archive);
        var operationLog = manifest.Chains.Single(c => c.ChainId.EndsWith("/operation-log", StringComparison.Ordinal));
        var otherHead = await WriteAsync("other-head", manifest with
        {
            Chains = [.. manifest.Chains.Select(c => c == operationLog ? c with { Sequence = c.Sequence + 1 } : c)],
        }, dump);
        // The number after the staff id in the certificate's binding is a bigint: made a letter, the row no longer loads.
        var at = dump.AsSpan().IndexOf(Encoding.UTF8.GetBytes($"\t{StaffId}\t")) + StaffId.Length + 2;
        var badRow = (byte[])dump.Clone();
        badRow[at] = (byte)'x';
        var refusedData = await WriteAsync("refused-data", manifest, badRow);
        // Its table of contents is whole (it comes first), so pg_restore starts, and fails at the last data block.
        var cut = await WriteAsync("cut", manifest, dump[..^200]);

        var head = await CliAsync("restore", "--from", otherHead, "--postgres", Fresh("other-head"));
        var data = await CliAsync("restore", "--from", refusedData, "--postgres", Fresh("refused-data"));
        var cutShort = await CliAsync("restore", "--from", cut, "--postgres", Fresh("cut"));

        Assert.True(head.ExitCode == 1, head.Text);
        Assert.Contains($"{PostgresBackupSource.DumpFile} does not hold what its manifest says: its chain {operationLog.ChainId} ends at "
            + $"{operationLog.Sequence} ({operationLog.HeadHash}) where the manifest says {operationLog.Sequence + 1} ({operationLog.HeadHash}).", head.Text);
        Assert.False(HoldsTables("other-head"));
        Assert.True(data.ExitCode == 1, data.Text);
        Assert.Contains($"refused {BackupRefusals.BackupDamaged}: The archive is damaged: {PostgresBackupSource.DumpFile} holds data PostgreSQL refuses", data.Text);
        Assert.Contains("SQLSTATE 22P02", data.Text);
        // The server's message would quote the row; psql was told to name the error by its code alone.
        Assert.DoesNotContain(StaffId, data.Text);
        Assert.DoesNotContain("invalid input", data.Text);
        Assert.False(HoldsTables("refused-data"));
        Assert.True(cutShort.ExitCode == 1, cutShort.Text);
        Assert.Contains($"refused {BackupRefusals.BackupDamaged}: The archive is damaged: pg_restore could not read all of {PostgresBackupSource.DumpFile}", cutShort.Text);
        Assert.False(HoldsTables("cut"));
    }

    [PostgresFact(Timeout = 120_000)]
    public async Task A_schema_holding_tables_or_a_role_that_does_not_own_it_is_refused_and_left_as_it_was()
    {
        await BackUpAsync();
        var before = Tables(TestStorage.InstitutionConnectionString(Source, Hitachinaka));

        var over = await CliAsync("restore", "--from", Archive, "--postgres", TestStorage.InstitutionConnectionString(Source, Hitachinaka));
        var asOperator = await CliAsync("restore", "--from", Archive, "--postgres", TestStorage.OperatorConnectionString(Source, Hitachinaka));

        Assert.True(over.ExitCode == 1, over.Text);
        Assert.Contains($"refused {BackupRefusals.RestoreTargetExists}: A gateway's data in schema inst_{Hitachinaka}", over.Text);
        Assert.True(asOperator.ExitCode == 1, asOperator.Text);
        Assert.Contains($"refused {BackupRefusals.RestoreTargetUnusable}: Role linkage_operator does not own schema inst_{Hitachinaka}", asOperator.Text);
        Assert.Equal(before, Tables(TestStorage.InstitutionConnectionString(Source, Hitachinaka)));
    }

    [PostgresFact(Timeout = 120_000)]
    public async Task Another_institutions_role_cannot_back_up_the_schema_and_no_password_is_ever_printed()
    {
        await BackUpAsync();
        var mito = new NpgsqlConnectionStringBuilder(TestStorage.InstitutionConnectionString(Source, Mito)) { SearchPath = $"inst_{Hitachinaka}" };

        var run = await CliAsync("backup", "--postgres", mito.ConnectionString, "--out", Path.Combine(_folder, "mito.tar"));

        Assert.True(run.ExitCode == 1, run.Text);
        Assert.Contains($"refused {BackupRefusals.DatabaseUnusable}: Role linkage_{Mito} may not read schema inst_{Hitachinaka}", run.Text);
        Assert.False(File.Exists(Path.Combine(_folder, "mito.tar")));
        Assert.DoesNotContain(mito.Password!, run.Text);
    }

    private static (BackupManifest Manifest, byte[] Dump) Read(string archive)
    {
        using var reader = new TarReader(File.OpenRead(archive));
        BackupManifest? manifest = null;
        byte[]? dump = null;
        while (reader.GetNextEntry() is { } entry)
        {
            using var data = new MemoryStream();
            entry.DataStream?.CopyTo(data);
            if (entry.Name == BackupArchiveLayout.ManifestEntry) manifest = BackupManifest.Parse(data.ToArray());
            if (entry.Name == PostgresBackupSource.DumpFile) dump = data.ToArray();
        }
        return (manifest!, dump!);
    }

    /// <summary>A whole, well-formed archive of <paramref name="dump"/> with <paramref name="manifest"/>'s facts: only its content is wrong.</summary>
    private async Task<string> WriteAsync(string name, BackupManifest manifest, byte[] dump)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_folder, name)).FullName;
        var file = Path.Combine(folder, PostgresBackupSource.DumpFile);
        await File.WriteAllBytesAsync(file, dump);
        var files = new[] { new BackupFile(PostgresBackupSource.DumpFile, dump.Length, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(dump))) };
        var archive = Path.Combine(_folder, name + ".tar");
        await using var output = File.Create(archive);
        await BackupArchiveWriter.WriteAsync(output, manifest with { Files = files }, [file], CancellationToken.None);
        return archive;
    }

    private static List<string> Tables(string connectionString)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1", connection);
        using var reader = command.ExecuteReader();
        var tables = new List<string>();
        while (reader.Read()) tables.Add(reader.GetString(0));
        return tables;
    }

    private sealed record Run(int ExitCode, string Text);

    private static async Task<Run> CliAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await Cli.Commands.CliApp.RunAsync(args, output, error);
        return new Run(code, $"exit {code}\n{output}\n{error}");
    }

    public void Dispose()
    {
        _pki.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
