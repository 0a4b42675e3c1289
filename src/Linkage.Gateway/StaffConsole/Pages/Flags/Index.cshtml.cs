using Linkage.Contracts.V1;
using Linkage.Gateway.Administration;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

namespace Linkage.Gateway.StaffConsole.Pages.Flags;

/// <summary>自動応答不可フラグ through linkage.v1.Administration: ListHoldFlags, SetHoldFlag, ClearHoldFlag.</summary>
public sealed class HoldFlagsModel : ConsolePage
{
    public string Person { get; private set; } = "";
    public string Name { get; private set; } = "";
    public bool IncludeCleared { get; private set; }
    public string NextPage { get; private set; } = "";
    public string? Done { get; private set; }
    public IReadOnlyList<HoldFlagView> Flags { get; private set; } = [];

    public string NextLink => QueryHelpers.AddQueryString("/flags", new Dictionary<string, string?>
    {
        ["person"] = Person, ["name"] = Name, ["cleared"] = IncludeCleared ? "true" : null, ["from"] = NextPage,
    }.Where(p => !string.IsNullOrEmpty(p.Value)));

    public async Task OnGetAsync(string? person, string? name, bool cleared, string? from, string? done)
    {
        (Person, Name, IncludeCleared) = (person ?? "", name ?? "", cleared);
        Done = done switch { "set" => "フラグを設定しました。", "cleared" => "フラグを解除しました。", _ => null };
        var response = await CallAsync<AdministrationService, ListHoldFlagsRequest, ListHoldFlagsResponse>(ConsolePages.ListHoldFlags,
            new ListHoldFlagsRequest { InternalAddressNumber = Person, InformationNameCode = Name, IncludeCleared = cleared, PageSize = 50, PageToken = from ?? "" },
            (service, r, context) => service.ListHoldFlags(r, context));
        Flags = response.Flags;
        NextPage = response.NextPageToken;
    }

    public async Task<IActionResult> OnPostSetAsync(string? person, string? name, int reason, string? text, string? until)
    {
        var request = new SetHoldFlagRequest
        {
            InternalAddressNumber = person?.Trim() ?? "", InformationNameCode = name ?? "", Reason = (HoldFlagReason)reason,
            ReasonText = text ?? "", EffectiveTo = ConsoleFormat.StartOfDay(until),
        };
        var flag = await CallAsync<AdministrationService, SetHoldFlagRequest, HoldFlagView>(ConsolePages.SetHoldFlag, request,
            (service, r, context) => service.SetHoldFlag(r, context));
        return Redirect($"/flags?done=set&person={Uri.EscapeDataString(flag.InternalAddressNumber)}");
    }

    public async Task<IActionResult> OnPostClearAsync(string flagId, string? reason)
    {
        await CallAsync<AdministrationService, ClearHoldFlagRequest, HoldFlagView>(ConsolePages.ClearHoldFlag,
            new ClearHoldFlagRequest { FlagId = flagId, Reason = reason ?? "" },
            (service, r, context) => service.ClearHoldFlag(r, context));
        return Redirect("/flags?done=cleared&cleared=true");
    }
}
