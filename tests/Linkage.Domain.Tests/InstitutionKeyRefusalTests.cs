using Linkage.Domain.Answers;
using Linkage.Domain.Errors;
using Linkage.Domain.Records;

namespace Linkage.Domain.Tests;

/// <summary>
/// A node without the institution's key-encryption key cannot open its copies nor keep a held answer's key sealed: a
/// provision is refused after its permit was checked, recorded like any refusal, and its permit released for a node
/// that has the key; an inquiry is refused before the hub is asked, and recorded too.
/// </summary>
public sealed class InstitutionKeyRefusalTests
{
    [Fact]
    public async Task A_provision_is_refused_as_key_unavailable_recorded_for_the_person_and_its_permit_released()
    {
        var provider = new ProvisionScenario();
        provider.Keys.Available = false;
        var permit = Seed.Permit();

        var error = await Assert.ThrowsAsync<DomainException>(() => provider.ProvideAsync(permit));

        Assert.Equal((ErrorKind.FailedPrecondition, ErrorReasons.InstitutionKeyUnavailable), (error.Kind, error.Reason));
        Assert.Contains(Seed.Hitachinaka, error.Message);
        var (entry, accepted) = Assert.Single(provider.Records.Attempts);
        Assert.Null(accepted);
        Assert.Equal((ProvisionOutcome.NotProvided, ErrorReasons.InstitutionKeyUnavailable, permit.PermitId, Seed.Person),
            (entry.Outcome, entry.Reason, entry.PermitId, entry.Person));
        Assert.True(provider.Guard.TryReserve(permit.PermitId, permit.ExpiresAt));
        Assert.Empty(provider.Held.Saved);
    }

    [Fact]
    public async Task A_provision_that_would_be_held_is_refused_too_and_holds_nothing()
    {
        var provider = new ProvisionScenario { Holds = new HoldEverything("SUPPORT_MEASURE") };
        provider.Keys.Available = false;

        var error = await Assert.ThrowsAsync<DomainException>(() => provider.ProvideAsync(Seed.Permit()));

        Assert.Equal(ErrorReasons.InstitutionKeyUnavailable, error.Reason);
        Assert.Empty(provider.Held.Saved);
        Assert.Equal(ProvisionOutcome.NotProvided, Assert.Single(provider.Records.Attempts).Entry.Outcome);
    }

    [Fact]
    public async Task An_invalid_permit_keeps_its_own_reason_on_a_node_without_the_key()
    {
        var provider = new ProvisionScenario();
        provider.Keys.Available = false;
        var expired = Seed.Permit() with { ExpiresAt = Seed.Now.AddMinutes(-10), IssuedAt = Seed.Now.AddMinutes(-12) };

        var error = await Assert.ThrowsAsync<DomainException>(() => provider.ProvideAsync(expired));

        Assert.Equal(ErrorReasons.PermitExpired, error.Reason);
    }

    [Fact]
    public async Task An_inquiry_is_refused_before_the_network_and_recorded()
    {
        var inquirer = new InquiryScenario();
        inquirer.Keys.Available = false;

        var error = await Assert.ThrowsAsync<DomainException>(() => inquirer.InquireAsync());

        Assert.Equal((ErrorKind.FailedPrecondition, ErrorReasons.InstitutionKeyUnavailable), (error.Kind, error.Reason));
        Assert.Empty(inquirer.Network.Sent);
        Assert.Empty(inquirer.Pending.Saved);
        var (entry, _) = Assert.Single(inquirer.Records.Attempts);
        Assert.Equal((RecordDirection.Outgoing, ProvisionOutcome.NotProvided, ErrorReasons.InstitutionKeyUnavailable),
            (entry.Direction, entry.Outcome, entry.Reason));
    }
}
