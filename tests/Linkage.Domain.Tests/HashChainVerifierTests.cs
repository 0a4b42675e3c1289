using System.Security.Cryptography;
using System.Text;
using Linkage.Domain.Answers;
using Linkage.Domain.Codes;
using Linkage.Domain.Chains;
using Linkage.Domain.Records;

namespace Linkage.Domain.Tests;

/// <summary>
/// Verification walks the chain from the first record: each must carry the next sequence number, link to its
/// predecessor's hash, and match its own hash; the first that does not is reported, and the count says how far it got.
/// </summary>
public sealed class HashChainVerifierTests
{
    private static readonly Hasher Links = new();

    private static ProvisionRecordEntry Entry(int n) => new(Seed.Now.AddMinutes(n), RecordDirection.Incoming, $"inquiry-{n}",
        $"permit-{n}", Seed.Mito, Seed.Hitachinaka, Seed.Affair, Seed.Procedure, Seed.Osteoporosis, Seed.ListLegalBasis,
        ProvisionOutcome.Provided, "", (InternalAddressNumber?)Seed.Person);

    /// <summary>A chain of <paramref name="count"/> records, each correctly linked.</summary>
    private static List<ChainLink<ProvisionRecordEntry>> Chain(int count)
    {
        var chain = new List<ChainLink<ProvisionRecordEntry>>();
        var previous = Links.Genesis;
        for (var sequence = 1; sequence <= count; sequence++)
        {
            var hash = Links.Hash(previous, sequence, Entry(sequence));
            chain.Add(new ChainLink<ProvisionRecordEntry>(sequence, Entry(sequence), previous, hash));
            previous = hash;
        }
        return chain;
    }

    private static Task<ChainVerification> VerifyAsync(IEnumerable<ChainLink<ProvisionRecordEntry>> records) =>
        new HashChainVerifier<ProvisionRecordEntry>(Links).VerifyAsync(Stream(records.ToList()), CancellationToken.None);

    [Fact]
    public async Task A_chain_whose_every_record_links_and_matches_is_intact()
    {
        var result = await VerifyAsync(Chain(3));

        Assert.True(result.Intact);
        Assert.Equal(3, result.Checked);
        Assert.Equal(0, result.FirstBrokenSequence);
    }

    [Fact]
    public async Task An_empty_chain_is_intact()
    {
        var result = await VerifyAsync([]);

        Assert.True(result.Intact);
        Assert.Equal(0, result.Checked);
    }

    [Fact]
    public async Task A_cut_out_record_is_reported_missing_at_its_sequence()
    {
        var chain = Chain(4);
        chain.RemoveAt(1);

        var result = await VerifyAsync(chain);

        Assert.False(result.Intact);
        Assert.Equal(2, result.Checked);
        Assert.Equal(2, result.FirstBrokenSequence);
        Assert.Contains("missing", result.Description);
    }

    [Fact]
    public async Task A_chain_that_does_not_start_at_one_is_missing_its_first_record()
    {
        var result = await VerifyAsync(Chain(3).Skip(1));

        Assert.False(result.Intact);
        Assert.Equal(1, result.FirstBrokenSequence);
    }

    [Fact]
    public async Task A_record_that_does_not_link_to_its_predecessor_is_reported()
    {
        var chain = Chain(3);
        chain[2] = chain[2] with { PreviousHash = Links.Hash(Links.Genesis, 99, Entry(99)) };

        var result = await VerifyAsync(chain);

        Assert.False(result.Intact);
        Assert.Equal(3, result.Checked);
        Assert.Equal(3, result.FirstBrokenSequence);
        Assert.Contains("does not link", result.Description);
    }

    [Fact]
    public async Task A_record_altered_after_it_was_written_is_reported()
    {
        var chain = Chain(3);
        chain[1] = chain[1] with { Entry = chain[1].Entry with { Outcome = ProvisionOutcome.NotProvided } };

        var result = await VerifyAsync(chain);

        Assert.False(result.Intact);
        Assert.Equal(2, result.Checked);
        Assert.Equal(2, result.FirstBrokenSequence);
        Assert.Contains("altered", result.Description);
    }

    [Fact]
    public async Task A_record_rehashed_after_it_was_altered_breaks_the_link_of_its_successor()
    {
        var chain = Chain(3);
        var altered = chain[1].Entry with { Reason = "rewritten" };
        chain[1] = chain[1] with { Entry = altered, Hash = Links.Hash(chain[1].PreviousHash, 2, altered) };

        var result = await VerifyAsync(chain);

        Assert.Equal(3, result.FirstBrokenSequence);
    }

    /// <summary>A plain SHA-256 link over the previous hash, the sequence and the record's text.</summary>
    private sealed class Hasher : IChainHasher<ProvisionRecordEntry>
    {
        public byte[] Genesis { get; } = new byte[32];

        public byte[] Hash(byte[] previousHash, long sequence, ProvisionRecordEntry entry) =>
            SHA256.HashData([.. previousHash, .. BitConverter.GetBytes(sequence), .. Encoding.UTF8.GetBytes(entry.ToString())]);
    }

    private static async IAsyncEnumerable<ChainLink<ProvisionRecordEntry>> Stream(IReadOnlyList<ChainLink<ProvisionRecordEntry>> records)
    {
        foreach (var record in records)
        {
            await Task.Yield();
            yield return record;
        }
    }
}
