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

    /// <summary>The next page as a link, when no person is filtered on; with a person, the page posts (see the view).</summary>
    public string NextLink => QueryHelpers.AddQueryString("/flags", new Dictionary<string, string?>
    {
        ["name"] = Name, ["cleared"] = IncludeCleared ? "true" : null, ["from"] = NextPage,
    }.Where(p => !string.IsNullOrEmpty(p.Value)));

    // A person's number never goes into a URL (browser history, proxies, request logs): filtering on a person posts.
    public Task OnGetAsync(string? name, bool cleared, string? from, string? done, string? flag)
    {
        Done = done switch
        {
            "set" => $"フラグ {flag} を設定しました。",
            "cleared" => "フラグを解除しました。",
            _ => null,
        };
        return ListAsync("", name, cleared, from);
    }

    public Task OnPostFilterAsync(string? person, string? name, bool cleared, string? from) => ListAsync(person?.Trim(), name, cleared, from);

    private async Task ListAsync(string? person, string? name, bool cleared, string? from)
    {
        (Person, Name, IncludeCleared) = (person ?? "", name ?? "", cleared);
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
        return Redirect($"/flags?done=set&flag={Uri.EscapeDataString(flag.FlagId)}");
    }

    public async Task<IActionResult> OnPostClearAsync(string flagId, string? reason)
    {
        await CallAsync<AdministrationService, ClearHoldFlagRequest, HoldFlagView>(ConsolePages.ClearHoldFlag,
            new ClearHoldFlagRequest { FlagId = flagId, Reason = reason ?? "" },
            (service, r, context) => service.ClearHoldFlag(r, context));
        return Redirect("/flags?done=cleared&cleared=true");
    }
}
