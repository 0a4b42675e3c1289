namespace Linkage.Domain.Records;

/// <summary>Recomputes the hash chain from the first record and reports the first link that does not hold.</summary>
public sealed class RecordChainVerifier(IRecordReader reader, IRecordHasher hasher)
{
    public sealed record Result(bool Intact, long Checked, long FirstBrokenSequence, string Description);

    public async Task<Result> VerifyAsync(CancellationToken ct)
    {
        var previous = hasher.Genesis;
        long expectedSequence = 1, count = 0;
        await foreach (var record in reader.ReadAllAsync(ct))
        {
            count++;
            if (record.Sequence != expectedSequence)
                return new Result(false, count, expectedSequence, $"Record {expectedSequence} is missing.");
            if (!record.PreviousHash.AsSpan().SequenceEqual(previous))
                return new Result(false, count, record.Sequence, $"Record {record.Sequence} does not link to its predecessor.");
            var hash = hasher.Hash(previous, record.Sequence, record.Entry);
            if (!hash.AsSpan().SequenceEqual(record.Hash))
                return new Result(false, count, record.Sequence, $"Record {record.Sequence} was altered after it was written.");
            previous = hash;
            expectedSequence++;
        }
        return new Result(true, count, 0, "Every record links to its predecessor and matches its hash.");
    }
}
