using Linkage.Gateway.Administration;
using Linkage.Gateway.Copies;
using Linkage.Gateway.Inquiries;
using Linkage.Gateway.Provision;
using Linkage.Gateway.Records;
using Linkage.Gateway.Review;
using Linkage.Gateway.Staff;
using Linkage.Gateway.StaffConsole;
using Linkage.Gateway.Symbols;
using Linkage.Gateway.Tickets;
using Linkage.Hosting;

namespace Linkage.Gateway;

/// <summary>Builds the gateway; Program.cs runs it, tests start it in-process with their own configuration.</summary>
public static class GatewayApp
{
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);
        builder.AddLinkageGrpcHost();
        builder.AddGateway();
        builder.AddStaffConsole();

        var app = builder.Build();
        app.UseStaffConsole();
        app.MapLinkageGrpcHost(afterAuthentication: gateway => gateway.UseRateLimiter());
        app.MapGrpcService<ProvisionService>();
        app.MapGrpcService<InquiryService>();
        app.MapGrpcService<SymbolManagementService>();
        app.MapGrpcService<CopyRegistrationService>();
        app.MapGrpcService<RecordsService>();
        app.MapGrpcService<AdministrationService>();
        app.MapGrpcService<StaffService>();
        app.MapGrpcService<ReviewService>();
        app.MapGrpcService<TicketsService>();
        app.MapStaffConsole();
        return app;
    }
}
