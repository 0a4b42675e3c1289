using Grpc.Core;
using Linkage.Contracts.V1;
using Linkage.Domain.Staff;
using Linkage.Testing;
using Linkage.Transport;
using AdministrationContract = Linkage.Contracts.V1.Administration;

namespace Linkage.Gateway.Tests;

/// <summary>The registry through the Administration service: certificates handed in as PEM, and what is refused.</summary>
public sealed class RegistryAdministrationTests : IAsyncLifetime
{
    private GatewayOnTestServer _gateway = null!;
    private AdministrationContract.AdministrationClient _admin = null!;

    public async Task InitializeAsync()
    {
        _gateway = await GatewayOnTestServer.StartAsync();
        _admin = new AdministrationContract.AdministrationClient(_gateway.Channel(Roles.Administrator));
    }

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact(Timeout = 60_000)]
    public async Task Staff_added_with_a_certificate_sign_in_and_appear_in_the_list_with_their_card()
    {
        var card = _gateway.Certificate(Roles.Reviewer);
        var added = await _admin.AddStaffAsync(new AddStaffRequest
        {
            StaffId = "staff-0100", Name = "審査 花子", Roles = { Roles.Reviewer }, InformationNameCodes = { TestNetwork.Osteoporosis },
            CertificatePem = card.ExportCertificatePem(),
        });

        Assert.Equal(CertificateReferences.Thumbprint(card), Assert.Single(added.Certificates).ThumbprintSha256);
        Assert.NotEmpty(_gateway.SignIn(card));
        var listed = (await _admin.ListStaffAsync(new ListStaffRequest())).Staff.Single(s => s.StaffId == "staff-0100");
        Assert.Equal([TestNetwork.Osteoporosis], listed.InformationNameCodes);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_duplicate_is_already_exists_and_no_error_is_logged()
    {
        var card = _gateway.Certificate(Roles.Auditor);
        var request = new AddStaffRequest { StaffId = "staff-0101", Name = "監査", Roles = { Roles.Auditor }, CertificatePem = card.ExportCertificatePem() };
        await _admin.AddStaffAsync(request);

        var again = await Assert.ThrowsAsync<RpcException>(() => _admin.AddStaffAsync(request).ResponseAsync);
        var sameCard = await Assert.ThrowsAsync<RpcException>(() => _admin.AddSystemAsync(new AddSystemRequest
            { SystemId = "sys-1", Name = "x", Role = Roles.HealthSystem, CertificatePem = card.ExportCertificatePem() }).ResponseAsync);

        Assert.Equal((StatusCode.AlreadyExists, "STAFF_EXISTS"), (again.StatusCode, again.Reason()));
        Assert.Equal((StatusCode.AlreadyExists, "SYSTEM_EXISTS"), (sameCard.StatusCode, sameCard.Reason()));
        Assert.Empty(_gateway.Logs.Errors);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_card_of_another_authority_or_institution_or_no_pem_at_all_is_refused()
    {
        var foreign = DevCertificateAuthority.Create("Someone Else's CA").Issue(
            new PeerIdentity(GatewayOnTestServer.Institution, Roles.Reviewer, "x"), CertificateUsage.Client);
        var mito = _gateway.Certificate(Roles.Reviewer, TestNetwork.Mito);

        async Task<(StatusCode, string?)> AddAsync(string pem)
        {
            var error = await Assert.ThrowsAsync<RpcException>(() => _admin.AddStaffAsync(new AddStaffRequest
                { StaffId = "staff-0102", Name = "x", Roles = { Roles.Reviewer }, CertificatePem = pem }).ResponseAsync);
            return (error.StatusCode, error.Reason());
        }

        Assert.Equal((StatusCode.InvalidArgument, "CERTIFICATE_UNUSABLE"), await AddAsync(foreign.ExportCertificatePem()));
        Assert.Equal((StatusCode.InvalidArgument, "OTHER_INSTITUTION"), await AddAsync(mito.ExportCertificatePem()));
        Assert.Equal((StatusCode.InvalidArgument, "CERTIFICATE_UNUSABLE"), await AddAsync("not a certificate"));
        Assert.DoesNotContain((await _admin.ListStaffAsync(new ListStaffRequest { IncludeDeactivated = true })).Staff, s => s.StaffId == "staff-0102");
    }
}
