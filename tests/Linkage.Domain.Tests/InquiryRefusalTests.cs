using Linkage.Domain.Errors;
using Linkage.Domain.Inquiries;

namespace Linkage.Domain.Tests;

/// <summary>
/// Before anything leaves, the inquirer checks its own copy of the permitted list and its symbol for the person: without
/// a list, without an entry, or without a symbol the back office is refused, and the hub is never asked. Such a local
/// refusal is still an inquiry about the person, so it is recorded (for their disclosure); a malformed request is not.
/// </summary>
public sealed class InquiryRefusalTests
{
    private readonly InquiryScenario _inquirer = new();

    private async Task<DomainException> RefusedAsync(InquiryRequest? request = null, bool recorded = true)
    {
        var error = await Assert.ThrowsAsync<DomainException>(() => _inquirer.InquireAsync(request));
        Assert.Empty(_inquirer.Network.Sent);
        Assert.Empty(_inquirer.Pending.Saved);
        if (!recorded)
        {
            Assert.Empty(_inquirer.Records.Attempts);
            return error;
        }
        var (entry, permit) = Assert.Single(_inquirer.Records.Attempts);
        Assert.Null(permit);
        Assert.Equal((Records.RecordDirection.Outgoing, Answers.ProvisionOutcome.NotProvided, error.Reason, "", (request ?? InquiryScenario.Request()).InternalAddressNumber),
            (entry.Direction, entry.Outcome, entry.Reason, entry.PermitId, entry.Person?.Value));
        return error;
    }

    [Fact]
    public async Task Without_a_permitted_list_the_inquiry_is_refused_as_list_unavailable()
    {
        _inquirer.List = null;

        var error = await RefusedAsync();

        Assert.Equal(ErrorKind.Unavailable, error.Kind);
        Assert.Equal(ErrorReasons.PermittedListUnavailable, error.Reason);
    }

    [Fact]
    public async Task An_inquiry_the_list_does_not_allow_us_is_refused_as_not_permitted()
    {
        _inquirer.List = Seed.List(Seed.Entry(inquirer: Seed.Hitachinaka)); // only Hitachinaka itself may ask

        var error = await RefusedAsync();

        Assert.Equal(ErrorKind.PermissionDenied, error.Kind);
        Assert.Equal(ErrorReasons.InquiryNotPermitted, error.Reason);
    }

    [Fact]
    public async Task An_inquiry_for_another_information_name_than_the_list_allows_is_refused_as_not_permitted()
    {
        var error = await RefusedAsync(InquiryScenario.Request(informationName: Seed.Cancer));
        Assert.Equal(ErrorReasons.InquiryNotPermitted, error.Reason);
    }

    [Fact]
    public async Task An_inquiry_for_a_person_whose_symbol_was_not_acquired_is_refused()
    {
        var error = await RefusedAsync(InquiryScenario.Request(person: "082010000000099"));

        Assert.Equal(ErrorKind.FailedPrecondition, error.Kind);
        Assert.Equal(ErrorReasons.SymbolNotAcquired, error.Reason);
    }

    [Fact]
    public async Task An_inquiry_with_a_malformed_provider_code_is_refused_naming_the_field()
    {
        var error = await RefusedAsync(InquiryScenario.Request() with { ProviderInstitutionCode = "1000" }, recorded: false);

        Assert.Equal(ErrorReasons.MalformedCode, error.Reason);
        Assert.Equal("provider_institution_code", Assert.Single(error.Violations).Field);
    }
}
