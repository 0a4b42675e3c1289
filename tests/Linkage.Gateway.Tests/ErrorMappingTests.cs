using Linkage.Domain.Staff;
using Grpc.Core;
using Linkage.Contracts.V1;
using Linkage.Testing;

namespace Linkage.Gateway.Tests;

/// <summary>Bad input becomes a gRPC status with a machine-readable reason and field violations, from one interceptor.</summary>
public sealed class ErrorMappingTests : IAsyncLifetime
{
    private GatewayOnTestServer _gateway = null!;

    public async Task InitializeAsync() => _gateway = await GatewayOnTestServer.StartAsync();

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    private CopyRegistration.CopyRegistrationClient Copies => new(_gateway.Channel(Roles.HealthSystem));

    private static Copy ValidCopy() => new()
    {
        InternalAddressNumber = "082210000000001",
        InformationNameCode = TestNetwork.Osteoporosis,
        RecordKey = "2025-57-1",
        Version = 1,
        ValidFrom = "2025-06-01",
        Items = { new ItemValue { ItemCode = "9N001000000000001", Value = "158.2" } },
    };

    private async Task<RpcException> RegisterFailsAsync(Copy copy) =>
        await Assert.ThrowsAsync<RpcException>(() => Copies.RegisterCopyAsync(new RegisterCopyRequest { Copy = copy }).ResponseAsync);

    [Fact(Timeout = 60_000)]
    public async Task A_malformed_internal_address_number_names_the_field()
    {
        var copy = ValidCopy();
        copy.InternalAddressNumber = "12345";
        var error = await RegisterFailsAsync(copy);
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("MALFORMED_CODE", error.Reason());
        Assert.Equal("internal_address_number", Assert.Single(error.FieldViolations()).Field);
        Assert.DoesNotContain("12345", error.Status.Detail);
    }

    [Theory(Timeout = 60_000)]
    [InlineData("9X999999999999999", "158.2", "items[0].item_code", "UNKNOWN_ITEM")]
    [InlineData("9P620000000000011", "7", "items[0].value", "VALUE_NOT_IN_CODE_SYSTEM")]
    [InlineData("9N001000000000001", "tall", "items[0].value", "VALUE_WRONG_TYPE")]
    [InlineData("9N001000000000001", "1580.25", "items[0].value", "VALUE_TOO_LONG")]
    public async Task A_bad_item_names_the_item_and_the_reason(string itemCode, string value, string field, string reason)
    {
        var copy = ValidCopy();
        copy.Items[0] = new ItemValue { ItemCode = itemCode, Value = value };
        var error = await RegisterFailsAsync(copy);
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(reason, error.Reason());
        Assert.Equal(field, Assert.Single(error.FieldViolations()).Field);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_correction_must_be_the_next_version()
    {
        await Copies.RegisterCopyAsync(new RegisterCopyRequest { Copy = ValidCopy() });
        var skipping = ValidCopy();
        skipping.Version = 3;
        var error = await RegisterFailsAsync(skipping);
        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Equal("VERSION_CONFLICT", error.Reason());

        var correction = ValidCopy();
        correction.Version = 2;
        Assert.Equal(2, (await Copies.RegisterCopyAsync(new RegisterCopyRequest { Copy = correction })).Version);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_malformed_acquisition_number_is_refused_before_the_hub_is_asked()
    {
        var symbols = new SymbolManagement.SymbolManagementClient(_gateway.Channel(Roles.AddressSystem));
        var error = await Assert.ThrowsAsync<RpcException>(() => symbols.AcquireSymbolAsync(new AcquireSymbolRequest
        {
            InternalAddressNumber = "082210000000001",
            AcquisitionNumber = "12ab",
        }).ResponseAsync);
        Assert.Equal("MALFORMED_CODE", error.Reason());
        Assert.Equal("acquisition_number", Assert.Single(error.FieldViolations()).Field);
    }

    [Fact(Timeout = 60_000)]
    public async Task An_inquiry_before_the_permitted_list_arrived_is_unavailable_not_an_internal_error()
    {
        var inquiry = new Inquiry.InquiryClient(_gateway.Channel(Roles.HealthSystem));
        var error = await Assert.ThrowsAsync<RpcException>(() => inquiry.InquireAsync(new InquireRequest
        {
            AffairCode = TestNetwork.Affair,
            ProcedureCode = TestNetwork.Procedure,
            InformationNameCode = TestNetwork.Osteoporosis,
            InternalAddressNumber = "082010000000001",
            ProviderInstitutionCode = TestNetwork.Hitachinaka,
        }).ResponseAsync);
        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Equal("PERMITTED_LIST_UNAVAILABLE", error.Reason());
        Assert.Empty(_gateway.Logs.Errors);
    }

    [Theory(Timeout = 60_000)]
    [InlineData(Roles.Reviewer, TestNetwork.Hitachinaka, StatusCode.PermissionDenied, "PEER_NOT_AUTHORIZED")]
    [InlineData(Roles.AddressSystem, TestNetwork.Hitachinaka, StatusCode.PermissionDenied, "PEER_NOT_AUTHORIZED")]
    [InlineData(Roles.Network, TestNetwork.HubCode, StatusCode.PermissionDenied, "PEER_NOT_AUTHORIZED")]
    [InlineData(Roles.HealthSystem, TestNetwork.Mito, StatusCode.Unauthenticated, "OTHER_INSTITUTION")]
    public async Task Only_our_own_health_system_registers_copies(string role, string institution, StatusCode status, string reason)
    {
        var copies = new CopyRegistration.CopyRegistrationClient(_gateway.Channel(role, institution));
        var error = await Assert.ThrowsAsync<RpcException>(() => copies.RegisterCopyAsync(new RegisterCopyRequest { Copy = ValidCopy() }).ResponseAsync);
        Assert.Equal((status, reason), (error.StatusCode, error.Reason()));
    }
}
