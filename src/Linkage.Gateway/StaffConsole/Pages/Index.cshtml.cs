using Linkage.Contracts.V1;
using Linkage.Domain.Errors;
using Linkage.Domain.Staff;
using Linkage.Gateway.Access;
using Linkage.Gateway.Staff;
using Microsoft.AspNetCore.Mvc;

namespace Linkage.Gateway.StaffConsole.Pages;

/// <summary>サインイン: the certificate's staff member, confirmed, signs in through linkage.v1.Staff/SignIn.</summary>
public sealed class SignInModel(CallerRegistry registry) : ConsolePage
{
    public override bool RequiresSession => false;

    public string? Notice { get; private set; }
    public ConsoleRefusal? Refusal { get; private set; }
    public string? StaffName { get; private set; }
    public string? StaffId { get; private set; }
    public string? Roles { get; private set; }

    public IActionResult OnGet(string? reason)
    {
        if (Caller is { SessionId: not null } && HttpContext.FindRefusal() is null) return Redirect(ConsolePages.Home(HttpContext));
        Notice = ConsoleMessages.Known(reason);
        // A cookie of an ended session is of no more use; without it the next page asks to sign in, not why again.
        if (HttpContext.FindRefusal() is { } refusal && ConsoleMessages.IsSessionReason(refusal.Reason)) SessionCookie.Delete(Response);
        return Show();
    }

    public async Task<IActionResult> OnPostSignInAsync()
    {
        if (HttpContext.FindRefusal() is { } refusal && !ConsoleMessages.IsSessionReason(refusal.Reason)) return Show();
        // A stale cookie's refusal must not stop a new sign-in: the certificate alone decides who signs in.
        HttpContext.ClearRefusal();
        if (Caller is { } caller) HttpContext.SetCaller(caller with { SessionId = null });
        var response = await CallAsync<StaffService, SignInRequest, SignInResponse>(ConsolePages.SignIn, new SignInRequest(),
            (service, request, context) => service.SignIn(request, context));
        SessionCookie.Set(Response, response.Token);
        return Redirect("/home");
    }

    private IActionResult Show()
    {
        var refusal = HttpContext.FindRefusal();
        if (refusal is not null && !ConsoleMessages.IsSessionReason(refusal.Reason))
            Refusal = new ConsoleRefusal("サインインできません", ConsoleMessages.For(refusal), refusal.Reason, 401);
        else if (Caller is { Kind: CallerKind.Staff } caller && registry.FindStaff(caller.Id) is { } member)
        {
            StaffName = member.Name;
            StaffId = member.StaffId;
            Roles = string.Join("・", member.Roles.Select(ConsoleFormat.Role));
        }
        else
            Refusal = new ConsoleRefusal("サインインできません", ConsoleMessages.For(ErrorReasons.CertificateNotRegistered),
                ErrorReasons.CertificateNotRegistered, 401);
        if (Refusal is not null) Response.StatusCode = Refusal.StatusCode;
        return Page();
    }
}
