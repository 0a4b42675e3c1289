using Linkage.Domain.Codes;
using Linkage.Domain.Copies;
using Linkage.Domain.Copies.Batches;
using Linkage.Domain.Errors;

namespace Linkage.Domain.Tests;

/// <summary>
/// The bounded parts of a batch: its duplicate check holds a fixed number of bytes and refuses a new record past it
/// (a duplicate is still found there), and a caller holds at most its number of open batch streams.
/// </summary>
public sealed class BatchBoundsTests
{
    private static ProvisionCopy Copy(int person, string recordKey = "2025-57-1") =>
        Seed.Copy(recordKey: recordKey) with { Person = InternalAddressNumber.Parse($"08221{person:D10}") };

    [Fact]
    public void The_duplicate_check_finds_the_same_record_and_tells_different_ones_apart()
    {
        var seen = new RecordFingerprints(64 * 1024);
        Assert.True(seen.Add(Copy(1)));
        Assert.True(seen.Add(Copy(2)));
        Assert.True(seen.Add(Copy(1, "2025-57-2")));
        Assert.True(seen.Add(Copy(1) with { InformationName = InformationNameCode.Parse(Seed.Periodontal) }));
        Assert.False(seen.Add(Copy(1) with { Version = 2, Items = [] })); // the same record, whatever its version or items
        Assert.Equal(4, seen.Count);
    }

    [Fact]
    public void The_duplicate_check_grows_within_its_bytes_and_refuses_a_new_record_at_the_bound()
    {
        const long bound = 256 * 1024;
        var seen = new RecordFingerprints(bound);
        Assert.Equal(bound / RecordFingerprints.BytesPerSlot / 4 * 3, seen.Capacity);
        for (var person = 0; person < seen.Capacity; person++)
        {
            Assert.True(seen.Add(Copy(person)));
            Assert.True(seen.Bytes <= bound);
        }

        var full = Assert.Throws<DomainException>(() => seen.Add(Copy(seen.Capacity)));
        Assert.Equal((ErrorKind.ResourceExhausted, ErrorReasons.DuplicateCheckFull), (full.Kind, full.Reason));
        Assert.False(seen.Add(Copy(17))); // a duplicate is still reported as one at the bound
        Assert.Equal((seen.Capacity, bound), (seen.Count, seen.Bytes));
    }

    [Fact]
    public void A_bound_that_is_no_power_of_two_is_rounded_down_never_up()
    {
        var seen = new RecordFingerprints(100_000);
        for (var person = 0; person < seen.Capacity; person++) seen.Add(Copy(person));
        Assert.True(seen.Bytes <= 100_000);
        Assert.Equal(65_536, seen.Bytes);
    }

    [Fact]
    public void A_caller_at_its_open_batches_is_refused_until_one_ends_and_other_callers_are_not()
    {
        var slots = new CallerBatchSlots(2);
        var first = slots.Enter("health-system");
        using var second = slots.Enter("health-system");
        using var other = slots.Enter("address-system");

        var refused = Assert.Throws<DomainException>(() => slots.Enter("health-system"));
        Assert.Equal((ErrorKind.ResourceExhausted, ErrorReasons.TooManyBatches), (refused.Kind, refused.Reason));

        first.Dispose();
        first.Dispose(); // a second release gives back nothing more
        using var third = slots.Enter("health-system");
        Assert.Throws<DomainException>(() => slots.Enter("health-system"));
    }

    [Fact]
    public void By_default_a_stream_within_its_copies_never_fills_its_duplicate_check()
    {
        var limits = CopyBatchLimits.Default;
        Assert.True(new RecordFingerprints(limits.DuplicateCheckBytes).Capacity >= limits.CopiesPerStream,
            "the duplicate check would refuse a batch the copies bound lets through");
    }
}
