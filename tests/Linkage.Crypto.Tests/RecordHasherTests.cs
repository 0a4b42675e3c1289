using Linkage.Domain.Answers;
using Linkage.Domain.Records;

namespace Linkage.Crypto.Tests;

public sealed class RecordHasherTests
{
    private static ProvisionRecordEntry Entry(string reason = "") => new(
        DateTimeOffset.FromUnixTimeMilliseconds(1_790_000_000_000), RecordDirection.Incoming, "inq", "permit",
        "1000082015000000", "1000082210000000", "JM00000000000139", "JT00000000013901", "TM00000000013903",
        "basis", ProvisionOutcome.Provided, reason, null);

    [Fact]
    public void The_hash_depends_on_every_field_the_predecessor_and_the_position()
    {
        var hash = RecordHasher.Sha256.Hash(RecordHasher.Sha256.Genesis, 1, Entry());
        Assert.Equal(hash, RecordHasher.Sha256.Hash(RecordHasher.Sha256.Genesis, 1, Entry()));
        Assert.NotEqual(hash, RecordHasher.Sha256.Hash(RecordHasher.Sha256.Genesis, 2, Entry()));
        Assert.NotEqual(hash, RecordHasher.Sha256.Hash(hash, 1, Entry()));
        Assert.NotEqual(hash, RecordHasher.Sha256.Hash(RecordHasher.Sha256.Genesis, 1, Entry("NO_DATA")));
        Assert.NotEqual(hash, RecordHasher.Sha256.Hash(RecordHasher.Sha256.Genesis, 1, Entry() with { Outcome = ProvisionOutcome.Held }));
    }

    [Fact]
    public void Fields_are_length_prefixed_so_shifting_text_between_them_changes_the_hash()
    {
        var a = Entry() with { InquiryId = "ab", PermitId = "c" };
        var b = Entry() with { InquiryId = "a", PermitId = "bc" };
        Assert.NotEqual(RecordHasher.Sha256.Hash(RecordHasher.Sha256.Genesis, 1, a), RecordHasher.Sha256.Hash(RecordHasher.Sha256.Genesis, 1, b));
    }
}
