using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Grpc.Core;
using Linkage.Contracts.V1;
using Linkage.Domain.Staff;
using Linkage.Gateway.Jobs;
using Linkage.Gateway.Options;
using Linkage.Testing;
using Linkage.Transport;
using Linkage.Storage.Database;
using Microsoft.Extensions.DependencyInjection;
using static Linkage.Testing.TestNetwork;

namespace Linkage.EndToEnd.Tests;

/// <summary>
/// <c>linkage backup</c> of Hitachinaka's gateway while it answers provisions and takes copies, then
/// <c>linkage restore</c> (its own process) into a fresh deployment and a second gateway started on it: everything
/// acknowledged before the backup began is there, and both chains verify against the checkpoints the hub witnessed.
/// On SQLite the copy is of the file; on PostgreSQL (<c>make test-pg</c>) it is the platform operator's pg_dump of the
/// institution's schema, without any key of the institution, restored into a fresh schema of another database.
/// </summary>
public sealed class BackupRestoreTests : IAsyncLifetime
{
    private const int Resident = 9;
    private const string Finding = "第一腰椎圧迫骨折の既往あり";
    private TestNetwork _network = null!;
    private PermitForge _forge = null!;
    private readonly string _folder = Directory.CreateTempSubdirectory("linkage-backup-e2e-").FullName;

    // Checkpoints only when the test seals: one witnessed after the backup would rightly make the restored chain
    // look cut short (the hub saw entries the backup does not hold), and the test must not depend on timing.
    public async Task InitializeAsync()
    {
        // The backup runs in this process (see below), and its blocking file and SQLite work would share the thread
        // pool with the gateway's: on 2 cores the pool starts small and grows slowly while all its threads block, and
        // answers were seen to stall for the backups' whole length. A backup from its own process has threads of its
        // own; enough threads here stand in for them.
        ThreadPool.GetMinThreads(out var workers, out var completions);
        ThreadPool.SetMinThreads(Math.Max(workers, 32), completions);
        _network = await TestNetwork.StartAsync(hitachiServices: services => services.PostConfigure<CheckpointOptions>(options =>
        {
            options.Every = 1_000_000;
            options.Interval = TimeSpan.FromDays(1);
        }));
        await _network.ProvideableResidentAsync(Resident);
        _forge = new PermitForge(_network);
    }

    public async Task DisposeAsync()
    {
        await _network.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact(Timeout = 300_000)]
    public async Task A_backup_taken_under_load_restores_a_gateway_holding_everything_acknowledged_before_it_with_chains_the_hub_witnessed()
    {
        var provision = Provision(_network.Hitachi);
        var copies = new CopyRegistration.CopyRegistrationClient(_network.HealthSystem(_network.Hitachi, Hitachinaka));
        var first = Request();
        await provision.ProvideAsync(first);

        var records = new ConcurrentQueue<string>();
        var registered = new ConcurrentQueue<Copy>();
        var copyNumber = 0;
        using var stop = new CancellationTokenSource();
        var providers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var request = Request();
                await provision.ProvideAsync(request);
                records.Enqueue(PermitId(request));
            }
        }));
        var registrars = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var copy = LoadCopy(Interlocked.Increment(ref copyNumber));
                await copies.RegisterCopyAsync(new RegisterCopyRequest { Copy = copy });
                registered.Enqueue(copy);
            }
        }));
        var load = providers.Concat(registrars).ToArray();

        while (records.Count < 50 || registered.Count < 20) await Task.Delay(20);
        // Sealed and witnessed under load, before the backup: what the restored chains are checked against.
        var sealedAfter = records.Count;
        await _network.Hitachi.Services.GetRequiredService<CheckpointJob>().RunOnceAsync(schedule: null, CancellationToken.None);
        // A small database backs up in about the time between two group commits (5 ms here), so a backup may rightly
        // see no answer land while it runs. Backups are taken until one does (each must succeed), and that one is
        // restored: a backup taken while answers were being written.
        string[] recordsBefore = [];
        Copy[] copiesBefore = [];
        var archive = "";
        var answeredDuringBackup = 0;
        for (var attempt = 1; attempt <= 10 && answeredDuringBackup == 0; attempt++)
        {
            recordsBefore = records.ToArray();
            copiesBefore = registered.ToArray();
            var answeredBefore = recordsBefore.Length + copiesBefore.Length;
            archive = Path.Combine(_folder, $"hitachinaka-{attempt}.tar");
            // In this process, so that the copy begins right after the snapshot of what was acknowledged: a copy
            // missing the newest writes (still in the write-ahead log) cannot pass for a good one by a process's
            // start-up time.
            var backup = await CliAsync(["backup", .. Source(Path.Combine(_network.DataFolder, "hitachinaka.db")), "--out", archive]);
            Assert.True(backup.ExitCode == 0, backup.Text);
            answeredDuringBackup = records.Count + registered.Count - answeredBefore;
        }
        stop.Cancel();
        await Task.WhenAll(load);

        Assert.True(answeredDuringBackup > 0, "the gateway answered nothing while any of ten backups ran");
        AssertNoFindingIn(await File.ReadAllBytesAsync(archive), "the archive");

        var restoredPath = Path.Combine(_folder, "fresh", "hitachinaka.db");
        var restore = await LinkageAsync(["restore", "--from", archive, .. Target(restoredPath)]);
        Assert.True(restore.ExitCode == 0, restore.Text);
        AssertNoFindingIn(TestStorage.StoredBytes(restoredPath, Hitachinaka), "the restored database");
        await using var restored = await _network.StartHitachiOnAsync(restoredPath);

        var stored = PermitIds(restoredPath);
        Assert.All(recordsBefore.Append(PermitId(first)), id => Assert.Contains(id, stored));
        var restoredCopies = new CopyRegistration.CopyRegistrationClient(_network.HealthSystem(restored, Hitachinaka));
        foreach (var copy in copiesBefore)
        {
            var found = await restoredCopies.GetCopyAsync(new GetCopyRequest
            {
                InternalAddressNumber = copy.InternalAddressNumber, InformationNameCode = copy.InformationNameCode, RecordKey = copy.RecordKey,
            });
            Assert.Equal(copy.Items, found.Copy.Items);
        }

        var auditor = new Records.RecordsClient(_network.Staff(restored, Roles.Auditor));
        // The restored gateway is node-1 again: its own chain of each kind is the one the backup holds.
        var provisionRecords = Assert.Single((await auditor.VerifyAsync(new VerifyRequest { Chain = Chain.ProvisionRecords })).Chains);
        var operationLog = Assert.Single((await auditor.VerifyAsync(new VerifyRequest { Chain = Chain.OperationLog })).Chains);
        Assert.True(provisionRecords.Intact, provisionRecords.Description);
        Assert.True(provisionRecords.HubCompared && provisionRecords.UnwitnessedCheckpoints == 0, provisionRecords.Description);
        Assert.True(provisionRecords.WitnessedSequence > sealedAfter, provisionRecords.Description);
        Assert.True(provisionRecords.EntriesChecked > recordsBefore.Length, provisionRecords.Description);
        Assert.True(operationLog.Intact, operationLog.Description);
        Assert.True(operationLog.HubCompared, operationLog.Description);

        // The permits used before the backup stay used.
        var replayed = await Assert.ThrowsAsync<RpcException>(() => Provision(restored).ProvideAsync(first).ResponseAsync);
        Assert.Equal("PERMIT_REPLAYED", replayed.Reason());
    }

    private Contracts.V1.Provision.ProvisionClient Provision(TestHost gateway) => new(
        _network.Channel(gateway, "hub-as-client", new PeerIdentity(HubCode, Roles.Network, "provision-network")));

    private Contracts.Network.V1.RelayedInquiry Request()
    {
        var permit = _forge.Permit(Resident);
        return PermitForge.Inquiry(permit, _forge.Sign(permit));
    }

    private static string PermitId(Contracts.Network.V1.RelayedInquiry request) =>
        Contracts.Network.V1.Permit.Parser.ParseFrom(request.Permit.Permit).PermitId;

    /// <summary>A copy of its own per number: residents in turn, a record key each, a finding in words.</summary>
    private Copy LoadCopy(int number)
    {
        var copy = NetworkScenarios.OsteoporosisCopy(_network.Population.InternalAddressNumberOf(number % _network.Population.Size, HitachinakaPrefix));
        copy.RecordKey = $"load-{number}";
        copy.Items.Add(new ItemValue { ItemCode = "9P623160800000049", Value = Finding });
        return copy;
    }

    /// <summary>What is backed up: the gateway's file, or its schema through the platform operator's role, which holds no key.</summary>
    private static string[] Source(string sqlitePath) => TestStorage.Provider == StorageProvider.Sqlite
        ? ["--database", sqlitePath]
        : ["--postgres", TestStorage.OperatorConnectionString(sqlitePath, Hitachinaka)];

    /// <summary>The fresh deployment: a file that does not exist, or the institution's new, empty schema in a database of its own.</summary>
    private static string[] Target(string sqlitePath) => TestStorage.Provider == StorageProvider.Sqlite
        ? ["--database", sqlitePath]
        : ["--postgres", TestStorage.InstitutionConnectionString(sqlitePath, Hitachinaka)];

    /// <summary>
    /// Neither the finding's UTF-8 nor its hex (the form in which PostgreSQL's dump writes a binary column's bytes):
    /// what a copy's items hold is ciphertext under keys the backup never had.
    /// </summary>
    private static void AssertNoFindingIn(byte[] bytes, string what)
    {
        var utf8 = Encoding.UTF8.GetBytes(Finding);
        Assert.True(bytes.AsSpan().IndexOf(utf8) < 0, $"a screening value is in {what} in clear");
        Assert.True(bytes.AsSpan().IndexOf(Encoding.ASCII.GetBytes(Convert.ToHexStringLower(utf8))) < 0, $"a screening value is in {what} in hex");
    }

    private static HashSet<string> PermitIds(string sqlitePath)
    {
        using var connection = TestStorage.Connect(sqlitePath, Hitachinaka);
        using var command = connection.CreateCommand();
        command.CommandText = """SELECT "PermitId" FROM "ProvisionRecords" """;
        using var reader = command.ExecuteReader();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read()) ids.Add(reader.GetString(0));
        return ids;
    }

    private sealed record Run(int ExitCode, string Text);

    private static async Task<Run> CliAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await Cli.Commands.CliApp.RunAsync(args, output, error);
        return new Run(code, $"exit {code}\n{output}\n{error}");
    }

    /// <summary>The operator command line as its own process, as on the machine of a fresh deployment.</summary>
    private static async Task<Run> LinkageAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "linkage.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var hang = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(hang.Token);
        return new Run(process.ExitCode, $"exit {process.ExitCode}\n{await output}\n{await error}");
    }
}
