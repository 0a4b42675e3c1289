using Linkage.Domain.Errors;
using Linkage.Domain.Permits;

namespace Linkage.Domain.Tests;

/// <summary>The holder keeps the newest verified list: an older or equal version offered later never replaces it.</summary>
public sealed class PermittedListHolderTests
{
    private static PermittedList Version(long version) =>
        new(version, Seed.Now, [Seed.Entry()], new Dictionary<string, IReadOnlySet<string>>(), new HashSet<long>());

    [Fact]
    public void Before_any_list_arrived_there_is_none_and_neither_side_may_decide()
    {
        var holder = new PermittedListHolder();

        Assert.Null(holder.Current);
        var error = Assert.Throws<DomainException>(() => holder.RequireCurrent());
        Assert.Equal(ErrorKind.Unavailable, error.Kind);
        Assert.Equal(ErrorReasons.PermittedListUnavailable, error.Reason);
    }

    [Fact]
    public void The_first_list_is_taken()
    {
        var holder = new PermittedListHolder();
        var first = Version(3);

        Assert.True(holder.Offer(first));
        Assert.Same(first, holder.Current);
        Assert.Same(first, holder.RequireCurrent());
    }

    [Fact]
    public void A_newer_version_replaces_the_current_list()
    {
        var holder = new PermittedListHolder();
        holder.Offer(Version(3));
        var newer = Version(4);

        Assert.True(holder.Offer(newer));
        Assert.Same(newer, holder.Current);
    }

    [Fact]
    public void The_same_version_again_is_refused_and_the_current_list_stays()
    {
        var holder = new PermittedListHolder();
        var current = Version(3);
        holder.Offer(current);

        Assert.False(holder.Offer(Version(3)));
        Assert.Same(current, holder.Current);
    }

    [Fact]
    public void An_older_version_is_refused_and_the_current_list_stays()
    {
        var holder = new PermittedListHolder();
        var current = Version(3);
        holder.Offer(current);

        Assert.False(holder.Offer(Version(2)));
        Assert.Same(current, holder.Current);
    }

    [Fact(Timeout = 60_000)]
    public async Task Of_lists_offered_at_once_the_newest_is_current_at_the_end()
    {
        var holder = new PermittedListHolder();
        var lists = Enumerable.Range(1, 200).Select(v => Version(v)).ToList();

        var taken = await Task.WhenAll(lists.Select(list => Task.Run(() => holder.Offer(list))));

        Assert.Same(lists[^1], holder.Current);
        Assert.True(taken[^1]); // nothing newer was ever offered, so the newest is never refused
    }
}
