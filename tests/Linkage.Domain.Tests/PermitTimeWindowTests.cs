using Linkage.Domain.Codes;
using Linkage.Domain.Errors;
using Linkage.Domain.Permits;

namespace Linkage.Domain.Tests;

/// <summary>
/// The provider accepts a permit from its issue time to its expiry, each widened by the allowed clock skew (one minute
/// here): valid from issued-at minus the skew, inclusive, until expires-at plus the skew, exclusive.
/// </summary>
public sealed class PermitTimeWindowTests
{
    private static readonly TimeSpan Skew = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Tick = TimeSpan.FromTicks(1);
    private static readonly DateTimeOffset Now = Seed.Now;

    private static PermittedEntry Check(DateTimeOffset issuedAt, DateTimeOffset expiresAt) =>
        PermitRules.Check(Seed.Permit() with { IssuedAt = issuedAt, ExpiresAt = expiresAt },
            InstitutionCode.Parse(Seed.Hitachinaka), Now, Skew, Seed.List());

    private static void AssertRefused(string reason, DateTimeOffset issuedAt, DateTimeOffset expiresAt)
    {
        var error = Assert.Throws<DomainException>(() => Check(issuedAt, expiresAt));
        Assert.Equal(ErrorKind.FailedPrecondition, error.Kind);
        Assert.Equal(reason, error.Reason);
    }

    [Fact]
    public void A_permit_within_its_window_is_accepted() => Check(Now.AddSeconds(-5), Now.AddMinutes(2));

    [Fact]
    public void A_permit_just_past_its_expiry_but_within_the_skew_is_accepted() =>
        Check(Now.AddMinutes(-3), Now - TimeSpan.FromSeconds(30));

    [Fact]
    public void A_permit_one_tick_before_expiry_plus_skew_is_accepted() => Check(Now.AddMinutes(-3), Now - Skew + Tick);

    [Fact]
    public void A_permit_exactly_at_expiry_plus_skew_is_expired() =>
        AssertRefused(ErrorReasons.PermitExpired, Now.AddMinutes(-3), Now - Skew);

    [Fact]
    public void A_permit_past_expiry_plus_skew_is_expired() =>
        AssertRefused(ErrorReasons.PermitExpired, Now.AddMinutes(-3), Now - Skew - TimeSpan.FromSeconds(1));

    [Fact]
    public void A_permit_expiring_sooner_than_one_skew_from_now_is_still_accepted() =>
        Check(Now.AddSeconds(-5), Now + TimeSpan.FromSeconds(30));

    [Fact]
    public void A_permit_issued_just_ahead_of_our_clock_but_within_the_skew_is_accepted() =>
        Check(Now + TimeSpan.FromSeconds(30), Now.AddMinutes(2));

    [Fact]
    public void A_permit_issued_exactly_one_skew_ahead_of_our_clock_is_accepted() => Check(Now + Skew, Now.AddMinutes(2));

    [Fact]
    public void A_permit_issued_one_tick_more_than_the_skew_ahead_is_not_yet_valid() =>
        AssertRefused(ErrorReasons.PermitNotYetValid, Now + Skew + Tick, Now.AddMinutes(3));
}
