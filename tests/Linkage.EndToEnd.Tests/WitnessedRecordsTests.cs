using Grpc.Core;
using Linkage.Contracts.Network.V1;
using Linkage.Contracts.V1;
using Linkage.Crypto;
using Linkage.Domain.Chains.Checkpoints;
using Linkage.Domain.Errors;
using Linkage.Domain.Retention;
using Linkage.Storage.Checkpoints;
using Microsoft.Extensions.Time.Testing;
using Linkage.Domain.Staff;
using Linkage.Gateway.Jobs;
using Linkage.Network.Client;
using Linkage.Testing;
using Linkage.Transport;
using Microsoft.Extensions.DependencyInjection;
using static Linkage.Testing.TestNetwork;

namespace Linkage.EndToEnd.Tests;

/// <summary>
/// The records sealed by the gateway's key and witnessed by the hub: whoever can write the database can no longer
/// shorten the chain unseen, not even by deleting the checkpoints with it, and the hub witnesses only what extends
/// what it witnessed.
/// </summary>
public sealed class WitnessedRecordsTests : IAsyncLifetime
{
    private const int Resident = 9;
    private TestNetwork _network = null!;
    private PermitForge _forge = null!;

    public async Task InitializeAsync()
    {
        _network = await TestNetwork.StartAsync();
        await _network.ProvideableResidentAsync(Resident);
        _forge = new PermitForge(_network);
        await ProvideAsync(5);
        await SealAsync();
    }

    private async Task ProvideAsync(int count)
    {
        var provision = new Contracts.V1.Provision.ProvisionClient(
            _network.Channel(_network.Hitachi, "hub-as-client", new PeerIdentity(HubCode, Roles.Network, "provision-network")));
        for (var i = 0; i < count; i++)
        {
            var permit = _forge.Permit(Resident);
            await provision.ProvideAsync(PermitForge.Inquiry(permit, _forge.Sign(permit)));
        }
    }

    public async Task DisposeAsync() => await _network.DisposeAsync();

    private Task SealAsync() => _network.Hitachi.Services.GetRequiredService<CheckpointJob>().RunOnceAsync(schedule: null, CancellationToken.None);

    /// <summary>The one node's chain of this kind as Verify reports it.</summary>
    private async Task<Contracts.V1.ChainVerification> VerifyAsync(Chain chain = Chain.ProvisionRecords) =>
        (await new Records.RecordsClient(_network.Staff(_network.Hitachi, Roles.Auditor)).VerifyAsync(new VerifyRequest { Chain = chain })).Chains.Single();

    private void Execute(string sql)
    {
        using var connection = _network.ConnectToHitachinaka();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    [Fact(Timeout = 120_000)]
    public async Task Both_chains_verify_with_their_checkpoints_witnessed_by_the_hub()
    {
        var records = await VerifyAsync();
        var operations = await VerifyAsync(Chain.OperationLog);

        Assert.True(records.Intact, records.Description);
        Assert.Equal((5L, 0, 0L, 5L, true), (records.EntriesChecked, records.UnwitnessedCheckpoints, records.UnsealedEntries,
            records.WitnessedSequence, records.HubCompared));
        Assert.True(records.CheckpointsChecked >= 1);
        Assert.True(operations.Intact, operations.Description);
        Assert.True(operations.HubCompared);
    }

    [Fact(Timeout = 120_000)]
    public async Task The_newest_three_records_deleted_while_the_gateway_was_stopped_are_found()
    {
        await _network.RestartHitachiAsync(() => Execute("""DELETE FROM "ProvisionRecords" WHERE "Sequence" > 2"""));

        var result = await VerifyAsync();

        Assert.False(result.Intact, result.Description);
        Assert.Equal(3, result.FirstBrokenSequence);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_tail_deleted_with_every_checkpoint_is_found_by_the_hubs_witnessed_head()
    {
        await _network.RestartHitachiAsync(() =>
        {
            Execute("""DELETE FROM "ProvisionRecords" WHERE "Sequence" > 3""");
            Execute("""DELETE FROM "Checkpoints" """);
        });

        var result = await VerifyAsync();

        Assert.False(result.Intact, result.Description);
        Assert.Equal(5, result.WitnessedSequence);
        Assert.Contains("hub witnessed", result.Description, StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task The_hub_refuses_a_foreign_key_a_checkpoint_that_does_not_extend_its_head_a_replay_and_another_institutions_chain()
    {
        var hub = new ProvisionNetwork.ProvisionNetworkClient(
            _network.Channel(_network.Hub, "gateway-hitachinaka-direct", new PeerIdentity(Hitachinaka, Roles.Gateway, "gateway")));
        const string chain = Hitachinaka + "/node-1/test-chain";
        var own = Signer(_network.CheckpointKeys[Hitachinaka]);
        var first = Checkpoint(chain, 10, previous: null, own);
        var witnessed = await hub.WitnessCheckpointAsync(CheckpointWire.ToWire(first));

        var cases = new (string Case, SignedCheckpoint Checkpoint, string Reason)[]
        {
            ("Mito's key", CheckpointWire.ToWire(Checkpoint(chain, 20, first, Signer(_network.CheckpointKeys[Mito]))), ErrorReasons.CheckpointSignatureInvalid),
            ("not extending", CheckpointWire.ToWire(Checkpoint(chain, 20, first with { HeadHash = Hash(99) }, own)), ErrorReasons.CheckpointNotExtending),
            ("replayed", CheckpointWire.ToWire(first), ErrorReasons.CheckpointReplayed),
            ("Mito's chain", CheckpointWire.ToWire(Checkpoint(Mito + "/node-1/provision-records", 1, null, own)), ErrorReasons.OtherInstitution),
        };
        foreach (var (name, checkpoint, reason) in cases)
        {
            var refused = await Assert.ThrowsAsync<RpcException>(() => hub.WitnessCheckpointAsync(checkpoint).ResponseAsync);
            Assert.Equal((name, reason), (name, DomainStatus.ToDomainException(refused).Reason));
        }

        var head = await hub.GetWitnessedHeadAsync(new GetWitnessedHeadRequest { ChainId = chain });
        Assert.Equal((10L, witnessed.Signature), (head.Checkpoint.Sequence, head.Witness.Signature));

        // The hub keeps what it witnessed in its own database, across a restart of the network.
        await _network.StopHubAsync();
        await _network.StartHubAsync();
        var afterRestart = await new ProvisionNetwork.ProvisionNetworkClient(
                _network.Channel(_network.Hub, "gateway-hitachinaka-direct", new PeerIdentity(Hitachinaka, Roles.Gateway, "gateway")))
            .GetWitnessedHeadAsync(new GetWitnessedHeadRequest { ChainId = chain });
        Assert.Equal((10L, witnessed.Signature), (afterRestart.Checkpoint.Sequence, afterRestart.Witness.Signature));
    }

    [Fact(Timeout = 120_000)]
    public async Task Records_erased_after_seven_years_leave_a_chain_that_verifies_from_its_anchor_and_the_erasure_is_logged()
    {
        await ProvideAsync(2);
        var services = _network.Hitachi.Services;
        var chains = services.GetRequiredService<SealedChains>();
        var eightYearsOn = new FakeTimeProvider(DateTimeOffset.UtcNow.AddYears(8));
        var retention = new RetentionRun(RetentionSettings.Default, services.GetRequiredService<IRetentionStore>(),
            services.GetRequiredService<ICheckpointStore>(), services.GetRequiredService<IChainAnchors>(),
            services.GetRequiredService<IOperationLog>(), eightYearsOn);

        var erased = await retention.RunAsync(chains.All, CancellationToken.None);
        var records = await VerifyAsync();
        var operations = await VerifyAsync(Chain.OperationLog);

        Assert.Equal(5, erased.ProvisionRecords); // up to the checkpoint sealed after the fifth
        Assert.True(records.Intact, records.Description);
        Assert.Equal((2L, 2L), (records.EntriesChecked, records.UnsealedEntries));
        Assert.True(operations.Intact, operations.Description);
        var auditor = new Records.RecordsClient(_network.Staff(_network.Hitachi, Roles.Auditor));
        var logged = (await auditor.ListOperationsAsync(new ListOperationsRequest { Rpc = "retention/node-1/provision-records" })).Operations;
        Assert.StartsWith("5 entries up to 5; anchor ", Assert.Single(logged).Target, StringComparison.Ordinal);

        // The anchor is what the rest must link to: a record changed after the erasure is still found.
        await _network.RestartHitachiAsync(() => Execute("""UPDATE "ProvisionRecords" SET "Reason" = 'x' WHERE "Sequence" = 6"""));
        var tampered = await VerifyAsync();
        Assert.False(tampered.Intact);
        Assert.Equal(6, tampered.FirstBrokenSequence);
    }

    private static byte[] Hash(byte value) => Enumerable.Repeat(value, 32).ToArray();

    private static CheckpointSignatures Signer(TestCheckpointKey key) => new(
        new Ed25519SignatureSigner(key.PrivateKey, TestCheckpointKey.KeyId),
        new Dictionary<string, Ed25519SignatureVerifier> { ["node-1"] = new(key.PublicKey, TestCheckpointKey.KeyId) },
        new Ed25519SignatureVerifier(key.PublicKey, "unused"));

    private static ChainCheckpoint Checkpoint(string chain, long sequence, ChainCheckpoint? previous, CheckpointSignatures signer)
    {
        var unsigned = new ChainCheckpoint(chain, sequence, Hash((byte)sequence), DateTimeOffset.FromUnixTimeMilliseconds(1_800_000_000_000),
            previous?.Sequence ?? 0, previous?.HeadHash ?? [], TestCheckpointKey.KeyId, []);
        return unsigned with { Signature = signer.Sign(unsigned) };
    }
}
