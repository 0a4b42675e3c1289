using System.Collections.Concurrent;
using Linkage.Domain.Codes;

namespace Linkage.Domain.Review.HoldFlags;

/// <summary>
/// The hold flags in memory, asked on every provision: at most three dictionary look-ups (pair, person, information
/// name) whatever the number of flags, and none at all while there are no flags. Readers take no lock; writers (an
/// administrator's set or clear) serialise on one, and replace the small array of flags under a key whole, so a
/// reader sees either the old or the new array.
/// </summary>
public sealed class HoldFlagIndex(TimeProvider clock) : IHoldPolicy
{
    private static readonly Task<string?> NoHold = Task.FromResult<string?>(null);

    // One finished task per reason: the provision path asks for every inquiry and must not allocate for the answer.
    private static readonly Task<string?>[] Holds = Enum.GetValues<HoldFlagReason>()
        .Select(r => Task.FromResult<string?>(r.Code())).ToArray();

    private readonly Lock _gate = new();
    private readonly ConcurrentDictionary<string, HoldFlag> _byId = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<InternalAddressNumber, HoldFlag[]> _byPerson = new();
    private readonly ConcurrentDictionary<InformationNameCode, HoldFlag[]> _byName = new();
    private readonly ConcurrentDictionary<(InternalAddressNumber, InformationNameCode), HoldFlag[]> _byPair = new();
    private volatile int _count;
    private long _generation;

    public int Count => _count;

    /// <summary>Counts every change: a refresh replaces the flags only if none came between its read and its replace.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    public Task<string?> HoldReasonAsync(InternalAddressNumber person, InformationNameCode informationName, CancellationToken ct) =>
        Find(person, informationName) is { } flag ? Holds[(int)flag.Reason] : NoHold;

    /// <summary>The flag in force now that holds this person's answers for this information name, the most specific first.</summary>
    public HoldFlag? Find(InternalAddressNumber person, InformationNameCode informationName)
    {
        if (_count == 0) return null;
        var pair = _byPair.GetValueOrDefault((person, informationName));
        var onPerson = _byPerson.GetValueOrDefault(person);
        var onName = _byName.GetValueOrDefault(informationName);
        if (pair is null && onPerson is null && onName is null) return null;
        var now = clock.GetUtcNow();
        return InForce(pair, now) ?? InForce(onPerson, now) ?? InForce(onName, now);
    }

    public HoldFlag? Get(string flagId) => _byId.GetValueOrDefault(flagId);

    /// <summary>Puts a flag in force for every inquiry evaluated from now on (a cleared flag is ignored).</summary>
    public void Add(HoldFlag flag)
    {
        lock (_gate)
        {
            Interlocked.Increment(ref _generation);
            AddLocked(flag);
        }
    }

    public void Remove(string flagId)
    {
        lock (_gate)
        {
            Interlocked.Increment(ref _generation);
            RemoveLocked(flagId);
        }
    }

    /// <summary>Replaces every flag, at start with those loaded from the store.</summary>
    public void Replace(IEnumerable<HoldFlag> flags)
    {
        lock (_gate)
        {
            Interlocked.Increment(ref _generation);
            _count = 0;
            _byId.Clear();
            _byPerson.Clear();
            _byName.Clear();
            _byPair.Clear();
            foreach (var flag in flags) AddLocked(flag);
        }
    }

    /// <summary>
    /// Makes the flags in memory those of <paramref name="flags"/>, read from the store when the index was at
    /// <paramref name="generation"/>, unless a flag was set or cleared on this node since (then nothing changes). New
    /// flags are added before gone ones are removed, one at a time, so a provision evaluated meanwhile never misses a
    /// flag that is in both. Whether it changed the index.
    /// </summary>
    public bool SyncIf(IReadOnlyCollection<HoldFlag> flags, long generation)
    {
        lock (_gate)
        {
            if (Generation != generation) return false;
            Interlocked.Increment(ref _generation);
            var wanted = flags.Where(f => !f.IsCleared).ToDictionary(f => f.FlagId, StringComparer.Ordinal);
            foreach (var flag in wanted.Values)
                if (!_byId.ContainsKey(flag.FlagId)) AddLocked(flag);
            foreach (var id in _byId.Keys)
                if (!wanted.ContainsKey(id)) RemoveLocked(id);
            return true;
        }
    }

    private void RemoveLocked(string flagId)
    {
        if (!_byId.TryRemove(flagId, out var flag)) return;
        Update(flag, (flags, f) => flags.Where(x => x.FlagId != f.FlagId).ToArray());
        _count = _byId.Count;
    }

    private void AddLocked(HoldFlag flag)
    {
        if (flag.IsCleared || !_byId.TryAdd(flag.FlagId, flag)) return;
        Update(flag, (flags, f) => [.. flags, f]);
        _count = _byId.Count;
    }

    private void Update(HoldFlag flag, Func<HoldFlag[], HoldFlag, HoldFlag[]> change)
    {
        switch (flag)
        {
            case { Person: { } person, InformationName: { } name }:
                Change(_byPair, (person, name), flag, change);
                break;
            case { Person: { } person }:
                Change(_byPerson, person, flag, change);
                break;
            case { InformationName: { } name }:
                Change(_byName, name, flag, change);
                break;
        }
    }

    private static void Change<TKey>(ConcurrentDictionary<TKey, HoldFlag[]> index, TKey key, HoldFlag flag,
        Func<HoldFlag[], HoldFlag, HoldFlag[]> change) where TKey : notnull
    {
        var changed = change(index.GetValueOrDefault(key) ?? [], flag);
        if (changed.Length == 0) index.TryRemove(key, out _);
        else index[key] = changed;
    }

    private static HoldFlag? InForce(HoldFlag[]? flags, DateTimeOffset now)
    {
        if (flags is null) return null;
        foreach (var flag in flags)
            if (flag.IsInForceAt(now)) return flag;
        return null;
    }
}
