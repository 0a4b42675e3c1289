using Linkage.Domain.Errors;
using Linkage.Domain.Symbols;

namespace Linkage.Symbols.Tests;

public sealed class SymbolMappingsTests
{
    private const string Person = "082210000000001";
    private readonly FakeStore _store = new();
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Retiring_twice_keeps_the_first_time_and_says_so()
    {
        await new SymbolAcquisition(new FakeIssuer(), _store, _clock).AcquireAsync(Person, "1000000000000001", default);
        var mappings = new SymbolMappings(_store, _clock);

        var (first, alreadyFirst) = await mappings.RetireAsync(Person, default);
        _clock.Now = _clock.Now.AddHours(1);
        var (second, alreadySecond) = await mappings.RetireAsync(Person, default);

        Assert.False(alreadyFirst);
        Assert.True(alreadySecond);
        Assert.Equal(first.RetiredAt, second.RetiredAt);
        Assert.True((await mappings.GetAsync(Person, default))!.IsRetired);
    }

    [Fact]
    public async Task Retiring_a_person_without_a_symbol_is_refused()
    {
        var error = await Assert.ThrowsAsync<DomainException>(() => new SymbolMappings(_store, _clock).RetireAsync(Person, default));
        Assert.Equal(ErrorReasons.SymbolNotAcquired, error.Reason);
    }

    [Fact]
    public async Task A_retired_person_is_refused_before_the_one_time_number_is_spent()
    {
        var issuer = new CountingIssuer();
        var acquisition = new SymbolAcquisition(issuer, _store, _clock);
        await acquisition.AcquireAsync(Person, "1000000000000001", default);
        await new SymbolMappings(_store, _clock).RetireAsync(Person, default);

        var error = await Assert.ThrowsAsync<DomainException>(() => acquisition.AcquireAsync(Person, "1000000000000002", default));
        Assert.Equal(ErrorReasons.PersonRetired, error.Reason);
        Assert.Equal(1, issuer.Calls);
    }

    private sealed class CountingIssuer : ISymbolIssuer
    {
        private readonly FakeIssuer _inner = new();
        public int Calls;

        public Task<Domain.Codes.Symbol> IssueAsync(AcquisitionNumber acquisitionNumber, CancellationToken ct)
        {
            Interlocked.Increment(ref Calls);
            return _inner.IssueAsync(acquisitionNumber, ct);
        }

        public Task<IReadOnlyList<IssuedSymbol>> IssueManyAsync(IReadOnlyList<AcquisitionNumber> acquisitionNumbers, CancellationToken ct) =>
            _inner.IssueManyAsync(acquisitionNumbers, ct);
    }
}
