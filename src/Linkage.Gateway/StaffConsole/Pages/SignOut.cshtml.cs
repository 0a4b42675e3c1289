using Linkage.Contracts.V1;
using Linkage.Gateway.Staff;
using Microsoft.AspNetCore.Mvc;

namespace Linkage.Gateway.StaffConsole.Pages;

/// <summary>サインアウト through linkage.v1.Staff/SignOut; the cookie goes with the session.</summary>
public sealed class SignOutModel : ConsolePage
{
    public IActionResult OnGet() => Redirect("/");

    public async Task<IActionResult> OnPostAsync()
    {
        await CallAsync<StaffService, SignOutRequest, SignOutResponse>(ConsolePages.SignOut, new SignOutRequest(),
            (service, request, context) => service.SignOut(request, context));
        SessionCookie.Delete(Response);
        return Redirect("/?reason=signed-out");
    }
}
