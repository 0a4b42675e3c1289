using System.Net;
using Linkage.Domain.Errors;
using Linkage.Domain.Staff;
using Linkage.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Linkage.Console.Tests;

/// <summary>An idle session, on a network of its own whose idle time-out is two seconds.</summary>
public sealed class ConsoleIdleTests : IAsyncLifetime
{
    private TestNetwork _network = null!;

    public async Task InitializeAsync() => _network = await TestNetwork.StartAsync(hitachiServices: services =>
        services.PostConfigure<Gateway.Options.StaffOptions>(staff => staff.IdleTimeout = TimeSpan.FromSeconds(2)));

    public async Task DisposeAsync() => await _network.DisposeAsync();

    [Fact]
    public async Task An_idle_session_is_signed_out_and_the_page_returns_to_sign_in_saying_why()
    {
        using var console = ConsoleClient.Of(_network, Roles.Reviewer);
        await console.SignInAsync();
        var page = await console.GetTextAsync("/held");
        Assert.Contains("data-idle-seconds=\"2\"", page); // the script's notice comes before the time-out
        Assert.Contains("id=\"idle-notice\"", page);

        await Task.Delay(TimeSpan.FromSeconds(2.5));
        using var idle = await console.GetAsync("/held");
        Assert.Equal(HttpStatusCode.Redirect, idle.StatusCode);
        Assert.Equal($"/?reason={ErrorReasons.SessionIdleTimeout}", idle.Headers.Location!.OriginalString);
        var signIn = await console.GetTextAsync(idle.Headers.Location.OriginalString);
        Assert.Contains("一定時間操作がなかったため", signIn);
        // Written to the operation log as the gRPC port writes a refused call.
        var refused = (await new Contracts.V1.Records.RecordsClient(_network.Staff(_network.Hitachi, Roles.Auditor))
            .ListOperationsAsync(new Contracts.V1.ListOperationsRequest { Rpc = "/held" })).Operations;
        Assert.Contains(refused, o => o.Outcome == Contracts.V1.OperationOutcome.Refused && o.Reason == ErrorReasons.SessionIdleTimeout
            && o.ActorId == "staff-" + Roles.Reviewer);
        Assert.Contains("id=\"sign-in\"", signIn); // and may sign in again at once
        await console.SignInAsync();
        await console.GetTextAsync("/held");
    }
}
