using Microsoft.AspNetCore.Mvc;

namespace Linkage.Gateway.StaffConsole.Pages;

/// <summary>After sign-in: on to the first page the member's roles open.</summary>
public sealed class HomeModel : ConsolePage
{
    public IActionResult OnGet() => ConsolePages.Home(HttpContext) is var home && home != "/home" ? Redirect(home) : Page();
}
