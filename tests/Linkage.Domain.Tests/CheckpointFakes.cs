using System.Security.Cryptography;
using System.Text;
using Linkage.Domain.Chains;
using Linkage.Domain.Chains.Checkpoints;
using Linkage.Domain.Errors;

namespace Linkage.Domain.Tests;

/// <summary>A chain of text entries: hash(n) = SHA-256(hash(n-1) | n | text).</summary>
internal sealed class TextHasher : IChainHasher<string>
{
    public static readonly TextHasher Instance = new();

    public byte[] Genesis { get; } = new byte[32];

    public byte[] Hash(byte[] previousHash, long sequence, string entry) =>
        SHA256.HashData([.. previousHash, .. BitConverter.GetBytes(sequence), .. Encoding.UTF8.GetBytes(entry)]);

    /// <summary>Entries "e1".."eN" (or as given), correctly linked, starting after <paramref name="after"/>.</summary>
    public static List<ChainLink<string>> Chain(int count, Func<int, string>? text = null, ChainHead? after = null)
    {
        var chain = new List<ChainLink<string>>();
        var previous = after?.Hash ?? Instance.Genesis;
        for (var sequence = (after?.Sequence ?? 0) + 1; chain.Count < count; sequence++)
        {
            var entry = text?.Invoke((int)sequence) ?? $"e{sequence}";
            var hash = Instance.Hash(previous, sequence, entry);
            chain.Add(new ChainLink<string>(sequence, entry, previous, hash));
            previous = hash;
        }
        return chain;
    }

    public static async IAsyncEnumerable<ChainLink<string>> Stream(IReadOnlyList<ChainLink<string>> links)
    {
        foreach (var link in links)
        {
            await Task.Yield();
            yield return link;
        }
    }
}

/// <summary>
/// Signatures as keyed SHA-256: "ours" (node-1's) and "the hub's" keys differ, and anything else does not verify; a
/// checkpoint of ours does not verify as another node's.
/// </summary>
internal sealed class FakeSignatures(string ownKey = "gateway", string hubKey = "hub") : ICheckpointSignatures
{
    public const string OwnNode = "node-1";

    public string KeyId => "cp-1";

    public byte[] Sign(ChainCheckpoint checkpoint) => Mac(ownKey, Signed(checkpoint));

    public bool IsSignedByNode(string node, ChainCheckpoint checkpoint) =>
        node == OwnNode && checkpoint.KeyId == KeyId && Mac(ownKey, Signed(checkpoint)).SequenceEqual(checkpoint.Signature);

    public bool IsWitnessedByHub(ChainCheckpoint checkpoint) =>
        checkpoint.Witness is { } w && Mac(hubKey, Witnessed(checkpoint, w.WitnessedAt)).SequenceEqual(w.Signature);

    public static CheckpointWitness Witness(ChainCheckpoint checkpoint, DateTimeOffset at, string key = "hub") =>
        new(at, "hub-1", Mac(key, Witnessed(checkpoint, at)));

    private static string Signed(ChainCheckpoint c) =>
        $"{c.ChainId}|{c.Sequence}|{Convert.ToHexString(c.HeadHash)}|{c.SealedAt.ToUnixTimeMilliseconds()}|{c.PreviousSequence}|{Convert.ToHexString(c.PreviousHash)}|{c.KeyId}";

    private static string Witnessed(ChainCheckpoint c, DateTimeOffset at) => $"{Signed(c)}|{Convert.ToHexString(c.Signature)}|{at.ToUnixTimeMilliseconds()}";

    private static byte[] Mac(string key, string text) => HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(text));
}

internal sealed class FakeCheckpointStore : ICheckpointStore
{
    public List<ChainCheckpoint> Checkpoints { get; } = [];

    public Task<IReadOnlyList<ChainCheckpoint>> ListAsync(string chainId, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<ChainCheckpoint>>(Checkpoints.Where(c => c.ChainId == chainId).OrderBy(c => c.Sequence).ToList());

    public Task<ChainCheckpoint?> LatestAsync(string chainId, CancellationToken ct) =>
        Task.FromResult(Checkpoints.Where(c => c.ChainId == chainId).MaxBy(c => c.Sequence));

    public Task<IReadOnlyList<ChainCheckpoint>> UnwitnessedAsync(string chainId, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<ChainCheckpoint>>(Checkpoints.Where(c => c.ChainId == chainId && c.Witness is null).OrderBy(c => c.Sequence).ToList());

    public Task<ChainCheckpoint?> LatestWitnessedBeforeAsync(string chainId, DateTimeOffset before, CancellationToken ct) =>
        Task.FromResult(Checkpoints.Where(c => c.ChainId == chainId && c.Witness is not null && c.SealedAt < before).MaxBy(c => c.Sequence));

    public Task AddAsync(ChainCheckpoint checkpoint, CancellationToken ct)
    {
        Checkpoints.Add(checkpoint);
        return Task.CompletedTask;
    }

    public Task SetWitnessAsync(string chainId, long sequence, CheckpointWitness witness, CancellationToken ct)
    {
        var i = Checkpoints.FindIndex(c => c.ChainId == chainId && c.Sequence == sequence);
        Checkpoints[i] = Checkpoints[i] with { Witness = witness };
        return Task.CompletedTask;
    }
}

/// <summary>A hub that witnesses in order, remembers the head, and can be told to fail or to have lost its answer.</summary>
internal sealed class FakeWitness(TimeProvider clock) : ICheckpointWitness
{
    public Dictionary<string, ChainCheckpoint> Heads { get; } = [];
    public Exception? Failure { get; set; }
    public string SigningKey { get; set; } = "hub";

    public Task<CheckpointWitness> WitnessAsync(ChainCheckpoint checkpoint, CancellationToken ct)
    {
        if (Failure is { } failure) throw failure;
        if (Heads.TryGetValue(checkpoint.ChainId, out var head) && checkpoint.Sequence <= head.Sequence)
            throw new DomainException(ErrorKind.FailedPrecondition, ErrorReasons.CheckpointReplayed, "replayed");
        var witness = FakeSignatures.Witness(checkpoint, clock.GetUtcNow(), SigningKey);
        Heads[checkpoint.ChainId] = checkpoint with { Witness = witness };
        return Task.FromResult(witness);
    }

    public Task<ChainCheckpoint?> WitnessedHeadAsync(string chainId, CancellationToken ct) =>
        Failure is { } failure ? Task.FromException<ChainCheckpoint?>(failure) : Task.FromResult(Heads.GetValueOrDefault(chainId));
}

internal sealed class FakeSealedChain(string chainId, string node = FakeSignatures.OwnNode, ChainKind kind = ChainKind.ProvisionRecords) : ISealedChain
{
    public List<ChainLink<string>> Links { get; set; } = [];

    public string ChainId { get; } = chainId;

    public string Node { get; } = node;

    public ChainKind Kind { get; } = kind;

    public Task<ChainHead?> HeadAsync(CancellationToken ct) =>
        Task.FromResult(Links.Count == 0 ? null : new ChainHead(Links[^1].Sequence, Links[^1].Hash));

    public Task<byte[]?> HashAtAsync(long sequence, CancellationToken ct) => Task.FromResult(Links.Find(l => l.Sequence == sequence)?.Hash);
}

internal sealed class FakeAnchors : IChainAnchors
{
    public ChainHead? Anchor { get; set; }

    public Task<ChainHead?> AnchorOfAsync(string chainId, CancellationToken ct) => Task.FromResult(Anchor);
}
