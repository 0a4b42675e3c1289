using Linkage.Contracts.V1;
using Linkage.Gateway.Review;
using Microsoft.AspNetCore.WebUtilities;

namespace Linkage.Gateway.StaffConsole.Pages.Held;

/// <summary>保留一覧 through linkage.v1.Review/ListHeld: filters, escalated and overdue first, paging by the service's token.</summary>
public sealed class HeldListModel(TimeProvider clock) : ConsolePage
{
    private const int PageSize = 50;

    public HeldState? State { get; private set; }
    public string Name { get; private set; } = "";
    public string Inquirer { get; private set; } = "";
    public string PageToken { get; private set; } = "";
    public string NextPage { get; private set; } = "";
    public DateTimeOffset Now { get; private set; }
    public IReadOnlyList<HeldSummary> Rows { get; private set; } = [];

    public async Task OnGetAsync(int? state, string? name, string? inquirer, string? from)
    {
        State = state is { } s && Enum.IsDefined(typeof(HeldState), s) && s != 0 ? (HeldState)s : null;
        (Name, Inquirer, PageToken) = (name ?? "", inquirer ?? "", from ?? "");
        Now = clock.GetUtcNow();
        var request = new ListHeldRequest { InformationNameCode = Name, InquirerInstitutionCode = Inquirer, PageSize = PageSize, PageToken = PageToken };
        if (State is { } chosen) request.States.Add(chosen);
        var response = await CallAsync<ReviewService, ListHeldRequest, ListHeldResponse>(ConsolePages.ListHeld, request,
            (service, r, context) => service.ListHeld(r, context));
        // Within the page, what needs a person most comes first: escalated, then past the deadline, then by deadline.
        Rows = response.Held.OrderByDescending(h => h.Escalated)
            .ThenByDescending(h => h.Deadline is not null && h.Deadline.ToDateTimeOffset() < Now)
            .ThenBy(h => h.Deadline?.ToDateTimeOffset()).ToList();
        NextPage = response.NextPageToken;
    }

    public string PageLink(string token) => QueryHelpers.AddQueryString("/held", new Dictionary<string, string?>
    {
        ["state"] = State is { } s ? ((int)s).ToString() : null, ["name"] = Name, ["inquirer"] = Inquirer, ["from"] = token,
    }.Where(p => !string.IsNullOrEmpty(p.Value)));
}
