using System.Collections.Concurrent;
using Google.Protobuf;
using Linkage.Contracts.Network.V1;
using Linkage.Crypto;
using CheckpointWitness = Linkage.Contracts.Network.V1.CheckpointWitness;
using Linkage.Domain.Errors;
using Linkage.Network.Client;
using Microsoft.Extensions.Options;

namespace Linkage.Network.Sim;

/// <summary>
/// The hub as witness: it countersigns a gateway's checkpoint only when a key registered for its institution (one per
/// gateway node; chain ids name institution and node) signed it and it
/// extends the last head the hub witnessed for that chain, and keeps it as the chain's latest head. A gateway that cut
/// or rewrote its chain cannot get a new checkpoint past this, and the head the hub keeps shows how far it reached.
/// </summary>
public sealed class CheckpointWitnessing(HubDatabase database, IOptions<HubOptions> options, Ed25519SignatureSigner hubKey, TimeProvider clock)
{
    private const int HashLength = 32;
    private readonly ConcurrentDictionary<string, IReadOnlyList<Ed25519SignatureVerifier>> _keys = new(StringComparer.Ordinal);

    public Task<WitnessedCheckpoint> HeadAsync(string institution, string chainId, CancellationToken ct)
    {
        RequireOwnChain(institution, chainId);
        return database.UseAsync(async connection =>
        {
            var head = await ReadHeadAsync(connection, chainId, ct);
            return head is null ? new WitnessedCheckpoint() : new WitnessedCheckpoint { Checkpoint = head.Value.Checkpoint, Witness = head.Value.Witness };
        }, ct);
    }

    public Task<CheckpointWitness> WitnessAsync(string institution, SignedCheckpoint wire, CancellationToken ct)
    {
        RequireOwnChain(institution, wire.ChainId);
        if (wire.Sequence <= 0 || wire.HeadHash.Length != HashLength || wire.PreviousSequence < 0 || wire.PreviousSequence >= wire.Sequence
            || wire.PreviousHash.Length != (wire.PreviousSequence == 0 ? 0 : HashLength) || wire.SealedAt is null)
            throw new DomainException(ErrorKind.InvalidArgument, ErrorReasons.CheckpointMalformed,
                "A checkpoint names a sequence after its previous one, a 32-byte head hash and the time it was sealed.");
        var checkpoint = CheckpointWire.ToDomain(wire);
        var signed = CheckpointSignatures.SignedBytes(checkpoint);
        if (!KeysOf(institution).Any(key => checkpoint.KeyId == key.KeyId && key.Verify(signed, checkpoint.Signature)))
            throw new DomainException(ErrorKind.Unauthenticated, ErrorReasons.CheckpointSignatureInvalid,
                "The checkpoint is not signed with a checkpoint key registered for this institution.");

        return database.UseAsync(async connection =>
        {
            var head = await ReadHeadAsync(connection, wire.ChainId, ct);
            var (lastSequence, lastHash) = head is { } h ? (h.Checkpoint.Sequence, h.Checkpoint.HeadHash) : (0L, ByteString.Empty);
            if (wire.Sequence <= lastSequence)
                throw new DomainException(ErrorKind.FailedPrecondition, ErrorReasons.CheckpointReplayed,
                    $"This chain's witnessed head is at {lastSequence} already; a checkpoint must be newer.");
            if (wire.PreviousSequence != lastSequence || wire.PreviousHash != lastHash)
                throw new DomainException(ErrorKind.FailedPrecondition, ErrorReasons.CheckpointNotExtending,
                    $"The checkpoint does not extend the witnessed head at {lastSequence}: the chain below it changed.");

            var now = clock.GetUtcNow();
            var witnessedAt = now.AddTicks(-(now.UtcTicks % TimeSpan.TicksPerMillisecond));
            var witness = new CheckpointWitness
            {
                WitnessedAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(witnessedAt),
                KeyId = hubKey.KeyId,
                Signature = ByteString.CopyFrom(hubKey.Sign(CheckpointSignatures.WitnessedBytes(checkpoint, witnessedAt))),
            };
            await using var upsert = HubDatabase.Command(connection, """
                INSERT INTO witnessed_heads (chain_id, institution, checkpoint, witness) VALUES ($chain, $institution, $checkpoint, $witness)
                ON CONFLICT (chain_id) DO UPDATE SET checkpoint = excluded.checkpoint, witness = excluded.witness
                """, ("$chain", wire.ChainId), ("$institution", institution), ("$checkpoint", wire.ToByteArray()), ("$witness", witness.ToByteArray()));
            await upsert.ExecuteNonQueryAsync(ct);
            return witness;
        }, ct);
    }

    private static void RequireOwnChain(string institution, string chainId)
    {
        if (!chainId.StartsWith(institution + "/", StringComparison.Ordinal))
            throw new DomainException(ErrorKind.PermissionDenied, ErrorReasons.OtherInstitution, "A gateway has only its own chains witnessed.");
    }

    private IReadOnlyList<Ed25519SignatureVerifier> KeysOf(string institution) =>
        _keys.GetOrAdd(institution, code => options.Value.Institutions.Where(i => i.Code == code).SelectMany(i => i.AllCheckpointKeys)
            .Select(k => new Ed25519SignatureVerifier(Convert.FromBase64String(k.PublicKey), k.KeyId)).ToList());

    private static async Task<(SignedCheckpoint Checkpoint, CheckpointWitness Witness)?> ReadHeadAsync(
        Microsoft.Data.Sqlite.SqliteConnection connection, string chainId, CancellationToken ct)
    {
        await using var select = HubDatabase.Command(connection, "SELECT checkpoint, witness FROM witnessed_heads WHERE chain_id = $chain", ("$chain", chainId));
        await using var reader = await select.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct)
            ? (SignedCheckpoint.Parser.ParseFrom((byte[])reader[0]), CheckpointWitness.Parser.ParseFrom((byte[])reader[1]))
            : null;
    }
}
