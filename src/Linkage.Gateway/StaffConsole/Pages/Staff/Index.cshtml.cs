using Linkage.Contracts.V1;
using Linkage.Gateway.Administration;
using Microsoft.AspNetCore.Mvc;

namespace Linkage.Gateway.StaffConsole.Pages.Staff;

/// <summary>職員管理 through linkage.v1.Administration: ListStaff, AddStaff (with the IC card's certificate), DeactivateStaff.</summary>
public sealed class StaffModel : ConsolePage
{
    public bool IncludeDeactivated { get; private set; }
    public string? Done { get; private set; }
    public IReadOnlyList<StaffMemberView> Staff { get; private set; } = [];

    public async Task OnGetAsync(bool all, string? done)
    {
        IncludeDeactivated = all;
        Done = done switch { "added" => "職員を登録しました。", "deactivated" => "職員を無効にしました。その職員のセッションは終了しています。", _ => null };
        Staff = (await CallAsync<AdministrationService, ListStaffRequest, ListStaffResponse>(ConsolePages.ListStaff,
            new ListStaffRequest { IncludeDeactivated = all }, (service, r, context) => service.ListStaff(r, context))).Staff;
    }

    public async Task<IActionResult> OnPostAddAsync(string? staffId, string? name, string[]? roles, string? certificatePem)
    {
        var request = new AddStaffRequest { StaffId = staffId?.Trim() ?? "", Name = name?.Trim() ?? "", CertificatePem = certificatePem ?? "" };
        request.Roles.AddRange(roles ?? []);
        await CallAsync<AdministrationService, AddStaffRequest, StaffMemberView>(ConsolePages.AddStaff, request,
            (service, r, context) => service.AddStaff(r, context));
        return Redirect("/staff?done=added");
    }

    public async Task<IActionResult> OnPostDeactivateAsync(string staffId, string? reason)
    {
        await CallAsync<AdministrationService, DeactivateStaffRequest, StaffMemberView>(ConsolePages.DeactivateStaff,
            new DeactivateStaffRequest { StaffId = staffId, Reason = reason ?? "" }, (service, r, context) => service.DeactivateStaff(r, context));
        return Redirect("/staff?done=deactivated&all=true");
    }
}
