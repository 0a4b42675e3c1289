using Linkage.Domain.Review.HoldFlags;

namespace Linkage.Domain.Tests;

/// <summary>
/// Hold flags kept in a list. A write can be made to wait (to look at memory while the row is being written) or to
/// fail (a full disk).
/// </summary>
internal sealed class FakeHoldFlagStore : IHoldFlagStore
{
    public List<HoldFlag> Flags { get; } = [];

    /// <summary>When set, the next write signals <see cref="Writing"/> and waits for this to complete.</summary>
    public TaskCompletionSource? Gate { get; set; }
    public TaskCompletionSource Writing { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public Exception? Failure { get; set; }

    public async Task InsertAsync(HoldFlag flag, CancellationToken ct)
    {
        await WriteAsync();
        Flags.Add(flag);
    }

    public int Lookups { get; private set; }

    public Task<HoldFlag?> GetAsync(string flagId, CancellationToken ct)
    {
        Lookups++;
        return Task.FromResult(Flags.Find(f => f.FlagId == flagId));
    }

    public async Task<HoldFlag?> ClearAsync(string flagId, DateTimeOffset at, string clearedBy, string reason, CancellationToken ct)
    {
        await WriteAsync();
        var i = Flags.FindIndex(f => f.FlagId == flagId && !f.IsCleared);
        if (i < 0) return null;
        Flags[i] = Flags[i] with { ClearedAt = at, ClearedBy = clearedBy, ClearReason = reason };
        return Flags[i];
    }

    public Task<IReadOnlyList<HoldFlag>> LoadActiveAsync(DateTimeOffset now, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<HoldFlag>>(Flags.Where(f => !f.IsCleared && (f.EffectiveTo is null || f.EffectiveTo > now)).ToList());

    public HoldFlagQuery? LastQuery { get; private set; }

    public Task<HoldFlagPage> ListAsync(HoldFlagQuery query, CancellationToken ct)
    {
        LastQuery = query;
        var page = Flags.Select((f, i) => (Flag: f, Position: i + 1L)).Where(x => x.Position > query.AfterPosition
            && (query.IncludeCleared || !x.Flag.IsCleared)).Take(query.PageSize).ToList();
        return Task.FromResult(new HoldFlagPage(page.Select(x => x.Flag).ToList(),
            page.Count == query.PageSize ? page[^1].Position : null));
    }

    private async Task WriteAsync()
    {
        if (Gate is { } gate)
        {
            Writing.TrySetResult();
            await gate.Task;
        }
        if (Failure is { } failure) throw failure;
    }
}
