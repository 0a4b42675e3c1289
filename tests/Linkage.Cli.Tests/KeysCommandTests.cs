using Linkage.Crypto;
using Linkage.Domain.Codes;
using Linkage.Storage.Database;
using Linkage.Storage.Keys;
using Linkage.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Linkage.Cli.Tests;

/// <summary>
/// keys rotate and keys rewrap on a gateway's database file: the institution's key file opens what is stored or the
/// command fails saying so, with nothing written; a path with no database makes none.
/// </summary>
public sealed class KeysCommandTests : IDisposable
{
    private const string Institution = "1000082210000000";
    private readonly string _folder = Directory.CreateTempSubdirectory("linkage-cli-keys-").FullName;
    private readonly TestKeyEncryptionKey _kek;

    public KeysCommandTests() => _kek = new TestKeyEncryptionKey(Path.Combine(_folder, "keys"), Institution);

    private string Database => Path.Combine(_folder, "gateway.db");

    /// <summary>The database as the gateway leaves it after its first start with the institution's key.</summary>
    private async Task FirstStartAsync()
    {
        await using var db = Context();
        await DatabaseInitializer.MigrateAsync(db, CancellationToken.None);
        await DataKeyRing.OpenAsync(db, InstitutionCode.Parse(Institution), _kek.Key, DateTimeOffset.UtcNow, CancellationToken.None);
    }

    [Fact(Timeout = 60_000)]
    public async Task Rotate_adds_the_next_data_key_under_the_institutions_key()
    {
        await FirstStartAsync();

        var run = await CliRun.RunAsync("keys", "rotate", "--database", Database, "--institution", Institution, "--key-file", _kek.FilePath);

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        Assert.Contains("data key dk-2", run.Output);
        Assert.Contains("restart", run.Output);
        Assert.Equal(["dk-1", "dk-2"], (await StoredAsync()).Select(k => k.KeyId));
        await using var db = Context();
        Assert.Equal("dk-2", (await DataKeyRing.OpenAsync(db, InstitutionCode.Parse(Institution), _kek.Key, DateTimeOffset.UtcNow,
            CancellationToken.None)).ActiveKeyId);
    }

    [Fact(Timeout = 60_000)]
    public async Task Rotate_with_another_institutions_key_fails_and_writes_nothing()
    {
        await FirstStartAsync();
        var before = await StoredAsync();
        var other = new TestKeyEncryptionKey(Path.Combine(_folder, "other"), Institution);

        var run = await CliRun.RunAsync("keys", "rotate", "--database", Database, "--institution", Institution, "--key-file", other.FilePath);

        Assert.Equal(ExitCodes.Failure, run.ExitCode);
        Assert.Contains("does not open its data key 'dk-1'", run.Error);
        Assert.DoesNotContain("   at ", run.Error);
        Assert.Equal(before, await StoredAsync());
    }

    [Fact(Timeout = 60_000)]
    public async Task Rewrap_moves_the_keys_under_the_new_key_file_and_the_old_one_no_longer_opens_them()
    {
        await FirstStartAsync();
        var next = new TestKeyEncryptionKey(Path.Combine(_folder, "next"), Institution);

        var run = await CliRun.RunAsync("keys", "rewrap", "--database", Database, "--institution", Institution,
            "--key-file", _kek.FilePath, "--new-key-file", next.FilePath);

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        Assert.Contains("1 data key(s)", run.Output);
        var (keyId, wrapped) = Assert.Single(await StoredAsync());
        Assert.Equal(32, next.Key.Unwrap(InstitutionCode.Parse(Institution), keyId, Convert.FromBase64String(wrapped)).Length);
        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() =>
            _kek.Key.Unwrap(InstitutionCode.Parse(Institution), keyId, Convert.FromBase64String(wrapped)));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_key_file_others_may_read_or_a_missing_database_fails_and_makes_nothing()
    {
        await FirstStartAsync();
        var before = await StoredAsync();
        var open = TestKeyEncryptionKey.Write(Path.Combine(_folder, "open.kek"), KeyEncryptionKey.Generate());
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(open, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);

        var exposed = await CliRun.RunAsync("keys", "rotate", "--database", Database, "--institution", Institution, "--key-file", open);
        Assert.Equal(ExitCodes.Failure, exposed.ExitCode);
        Assert.Contains("0600", exposed.Error);
        Assert.Equal(before, await StoredAsync());

        var nowhere = Path.Combine(_folder, "nowhere.db");
        var missing = await CliRun.RunAsync("keys", "rotate", "--database", nowhere, "--institution", Institution, "--key-file", _kek.FilePath);
        Assert.Equal(ExitCodes.Failure, missing.ExitCode);
        Assert.Contains("No database", missing.Error);
        Assert.False(File.Exists(nowhere));
    }

    private LinkageDbContext Context() => new(new DbContextOptionsBuilder<LinkageDbContext>()
        .UseSqlite(new SqliteConnectionStringBuilder { DataSource = Database, Pooling = false }.ToString()).Options);

    private async Task<List<(string KeyId, string Wrapped)>> StoredAsync()
    {
        await using var db = Context();
        return (await db.DataKeys.AsNoTracking().OrderBy(k => k.Generation).ToListAsync())
            .Select(k => (k.KeyId, Convert.ToBase64String(k.WrappedKey))).ToList();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
