using Linkage.Contracts.V1;
using Linkage.Crypto;
using Linkage.Domain.Codes;
using Linkage.Domain.Staff;
using Linkage.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Linkage.Gateway.Tests;

/// <summary>
/// How a gateway comes by the institution's data keys at start: made on the first start with the key-encryption key
/// and stored only wrapped, opened again on the next; a wrong key, or a key file open to others, stops the start with
/// nothing written; neither a key file nor a directory of them given and the options are refused when inconsistent.
/// </summary>
public sealed class InstitutionKeyStartTests : IDisposable
{
    private static readonly InstitutionCode Institution = InstitutionCode.Parse(GatewayOnTestServer.Institution);
    private readonly string _folder = Directory.CreateTempSubdirectory("linkage-keys-").FullName;

    private string Database => Path.Combine(_folder, "gateway.db");

    private Task<GatewayOnTestServer> StartAsync(string? keyFile, string? directory = null) => GatewayOnTestServer.StartAsync(
        new Dictionary<string, string?>
        {
            ["InstitutionKeys:KeyFile"] = keyFile ?? "",
            ["InstitutionKeys:Directory"] = directory ?? "",
        }.With(TestStorage.GatewaySettings(Database, GatewayOnTestServer.Institution)));

    [Fact(Timeout = 60_000)]
    public async Task The_first_start_makes_one_wrapped_data_key_and_the_next_start_opens_it_again()
    {
        var kek = new TestKeyEncryptionKey(Path.Combine(_folder, "keys"), Institution.Value);
        await using (var first = await StartAsync(kek.FilePath))
            await Copies(first).RegisterCopyAsync(new RegisterCopyRequest { Copy = NetworkScenarios.OsteoporosisCopy(Person) });
        var stored = await DataKeysAsync();
        var (keyId, wrapped) = Assert.Single(stored);
        Assert.Equal("dk-1", keyId);
        Assert.Equal(32, kek.Key.Unwrap(Institution, keyId, Convert.FromBase64String(wrapped)).Length);

        await using var second = await StartAsync(kek.FilePath);
        var copy = await Copies(second).GetCopyAsync(new GetCopyRequest
            { InternalAddressNumber = Person, InformationNameCode = TestNetwork.Osteoporosis, RecordKey = "2025-57-1" });
        Assert.Equal("158.2", copy.Copy.Items[0].Value);
        Assert.Equal(stored, await DataKeysAsync());
    }

    [Fact(Timeout = 60_000)]
    public async Task A_wrong_key_encryption_key_stops_the_start_and_writes_nothing()
    {
        var kek = new TestKeyEncryptionKey(Path.Combine(_folder, "keys"), Institution.Value);
        await using (var first = await StartAsync(kek.FilePath))
            await Copies(first).RegisterCopyAsync(new RegisterCopyRequest { Copy = NetworkScenarios.OsteoporosisCopy(Person) });
        var stored = await DataKeysAsync();
        var wrong = new TestKeyEncryptionKey(Path.Combine(_folder, "other-keys"), Institution.Value);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => StartAsync(wrong.FilePath));

        Assert.Contains($"does not open its data key 'dk-1'", error.Message);
        Assert.Contains(Institution.Value, error.Message);
        Assert.Contains("Nothing was written", error.Message);
        Assert.Equal(stored, await DataKeysAsync());
    }

    [Fact(Timeout = 60_000)]
    public async Task A_key_file_others_may_read_stops_the_start_before_any_key_is_made()
    {
        var kek = new TestKeyEncryptionKey(Path.Combine(_folder, "keys"), Institution.Value);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(kek.FilePath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(kek.FilePath));

        Assert.Contains("0600", error.Message);
        Assert.Contains(kek.FilePath, error.Message);
        Assert.Empty(await DataKeysAsync());
    }

    [Fact(Timeout = 60_000)]
    public async Task A_key_file_that_is_not_there_and_a_file_beside_a_directory_are_refused()
    {
        var missing = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(Path.Combine(_folder, "nowhere.kek")));
        Assert.Contains("does not exist", missing.Message);

        var kek = new TestKeyEncryptionKey(Path.Combine(_folder, "keys"), Institution.Value);
        var both = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(kek.FilePath, Path.Combine(_folder, "keys")));
        Assert.Contains("exclude each other", both.Message);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_directory_of_key_files_serves_the_institution_whose_file_it_holds()
    {
        var keys = Path.Combine(_folder, "keys");
        var kek = new TestKeyEncryptionKey(keys, Institution.Value);
        _ = new TestKeyEncryptionKey(keys, TestNetwork.Mito); // another institution's file in the same directory

        await using var gateway = await StartAsync(keyFile: null, directory: keys);
        await Copies(gateway).RegisterCopyAsync(new RegisterCopyRequest { Copy = NetworkScenarios.OsteoporosisCopy(Person) });

        var (keyId, wrapped) = Assert.Single(await DataKeysAsync());
        Assert.Equal(32, kek.Key.Unwrap(Institution, keyId, Convert.FromBase64String(wrapped)).Length);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_file_in_the_directory_not_named_after_an_institution_is_refused()
    {
        var keys = Path.Combine(_folder, "keys");
        TestKeyEncryptionKey.Write(Path.Combine(keys, "hitachinaka.kek"), KeyEncryptionKey.Generate());

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(keyFile: null, directory: keys));

        Assert.Contains("not named after an institution code", error.Message);
    }

    private const string Person = "082210000000042";

    private static CopyRegistration.CopyRegistrationClient Copies(GatewayOnTestServer gateway) => new(gateway.Channel(Roles.HealthSystem));

    /// <summary>The stored data keys by id, each as the base64 of its wrapped form.</summary>
    private async Task<List<(string KeyId, string Wrapped)>> DataKeysAsync()
    {
        if (!TestStorage.Exists(Database, GatewayOnTestServer.Institution)) return [];
        await using var db = TestStorage.Context(Database, GatewayOnTestServer.Institution);
        var rows = await db.DataKeys.AsNoTracking().OrderBy(k => k.Generation).ToListAsync();
        return rows.Select(r => (r.KeyId, Convert.ToBase64String(r.WrappedKey))).ToList();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
