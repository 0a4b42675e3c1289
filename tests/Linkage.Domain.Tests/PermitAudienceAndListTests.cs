using Linkage.Domain.Codes;
using Linkage.Domain.Errors;
using Linkage.Domain.Permits;

namespace Linkage.Domain.Tests;

/// <summary>
/// Beyond its time window, a permit must name this gateway as provider, come from a list version that was not withdrawn,
/// and agree with an entry of the provider's own list on the day in Japan: a permit alone never suffices.
/// </summary>
public sealed class PermitAudienceAndListTests
{
    private static readonly InstitutionCode Hitachinaka = InstitutionCode.Parse(Seed.Hitachinaka);

    private static PermittedEntry Check(PermitClaims permit, PermittedList? list = null, DateTimeOffset? now = null) =>
        PermitRules.Check(permit, Hitachinaka, now ?? Seed.Now, TimeSpan.FromMinutes(1), list ?? Seed.List());

    [Fact]
    public void A_permit_for_another_provider_is_refused_as_the_wrong_audience()
    {
        var permit = Seed.Permit() with { Provider = InstitutionCode.Parse(Seed.Kyokai) };
        var list = Seed.List(Seed.Entry(provider: Seed.Kyokai)); // even when the list would allow that provider

        var error = Assert.Throws<DomainException>(() => Check(permit, list));

        Assert.Equal(ErrorKind.PermissionDenied, error.Kind);
        Assert.Equal(ErrorReasons.PermitWrongAudience, error.Reason);
    }

    [Fact]
    public void A_permit_issued_under_a_withdrawn_list_version_is_refused()
    {
        var error = Assert.Throws<DomainException>(() => Check(Seed.Permit() with { ListVersion = Seed.WithdrawnListVersion }));

        Assert.Equal(ErrorKind.FailedPrecondition, error.Kind);
        Assert.Equal(ErrorReasons.PermitListWithdrawn, error.Reason);
    }

    [Fact]
    public void A_permit_issued_under_a_version_that_was_not_withdrawn_is_accepted() =>
        Check(Seed.Permit() with { ListVersion = Seed.ListVersion + 5 });

    [Fact]
    public void A_permit_the_providers_list_does_not_allow_is_refused_as_not_permitted()
    {
        var error = Assert.Throws<DomainException>(() => Check(Seed.Permit(Seed.Cancer)));

        Assert.Equal(ErrorKind.PermissionDenied, error.Kind);
        Assert.Equal(ErrorReasons.InquiryNotPermitted, error.Reason);
    }

    [Fact]
    public void An_accepted_permit_yields_the_list_entry_that_allows_it()
    {
        var entry = Seed.Entry();
        Assert.Same(entry, Check(Seed.Permit(), Seed.List(Seed.Entry(Seed.Cancer), entry)));
    }

    [Fact]
    public void The_list_entry_is_checked_on_the_day_in_Japan_not_in_UTC()
    {
        // 30 June 15:30 UTC is already 1 July 00:30 in Japan, the entry's first day.
        var now = new DateTimeOffset(2025, 6, 30, 15, 30, 0, TimeSpan.Zero);
        var permit = Seed.Permit() with { IssuedAt = now, ExpiresAt = now.AddMinutes(2) };
        var list = Seed.List(Seed.Entry(validFrom: new DateOnly(2025, 7, 1)));

        Check(permit, list, now);
        var error = Assert.Throws<DomainException>(() => Check(permit with { IssuedAt = now.AddHours(-1) }, list, now.AddHours(-1)));
        Assert.Equal(ErrorReasons.InquiryNotPermitted, error.Reason);
    }
}
