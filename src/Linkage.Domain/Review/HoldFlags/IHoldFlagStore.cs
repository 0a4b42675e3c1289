using Linkage.Domain.Codes;

namespace Linkage.Domain.Review.HoldFlags;

/// <summary>The hold flags as stored; each write is one transaction.</summary>
public interface IHoldFlagStore
{
    Task InsertAsync(HoldFlag flag, CancellationToken ct);

    /// <returns>The flag with this id, cleared or not, or null when there is none.</returns>
    Task<HoldFlag?> GetAsync(string flagId, CancellationToken ct);

    /// <summary>Clears a flag that is still in force in the store.</summary>
    /// <returns>The cleared flag, or null when no uncleared flag has this id (unknown, or cleared already).</returns>
    Task<HoldFlag?> ClearAsync(string flagId, DateTimeOffset at, string clearedBy, string reason, CancellationToken ct);

    /// <summary>Every flag not cleared and not expired at <paramref name="now"/>: the index at start.</summary>
    Task<IReadOnlyList<HoldFlag>> LoadActiveAsync(DateTimeOffset now, CancellationToken ct);

    Task<HoldFlagPage> ListAsync(HoldFlagQuery query, CancellationToken ct);
}

/// <summary>A page of flags in the order they were set, after the flag at <paramref name="AfterPosition"/>.</summary>
public sealed record HoldFlagQuery(
    bool IncludeCleared, InternalAddressNumber? Person, InformationNameCode? InformationName, long AfterPosition, int PageSize);

/// <param name="LastPosition">The store's position of the page's last flag when more may follow; null at the end.</param>
public sealed record HoldFlagPage(IReadOnlyList<HoldFlag> Flags, long? LastPosition);
