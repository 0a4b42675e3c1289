using Linkage.Gateway.Access;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;
using AdministrationContract = Linkage.Contracts.V1.Administration;
using RecordsContract = Linkage.Contracts.V1.Records;
using ReviewContract = Linkage.Contracts.V1.Review;
using TicketsContract = Linkage.Contracts.V1.Tickets;
using StaffContract = Linkage.Contracts.V1.Staff;

namespace Linkage.Gateway.StaffConsole;

/// <summary>
/// Each console page and action, and the RPC whose rule in <see cref="RpcPermissions"/> governs it (and whose
/// operation log entry it writes). The console has no rules of its own: this table only names the RPCs.
/// </summary>
public static class ConsolePages
{
    public static readonly string SignIn = Rpc(StaffContract.Descriptor, "SignIn");
    public static readonly string SignOut = Rpc(StaffContract.Descriptor, "SignOut");
    public static readonly string ListHeld = Rpc(ReviewContract.Descriptor, "ListHeld");
    public static readonly string GetHeld = Rpc(ReviewContract.Descriptor, "GetHeld");
    public static readonly string PreviewAnswer = Rpc(ReviewContract.Descriptor, "PreviewAnswer");
    public static readonly string Approve = Rpc(ReviewContract.Descriptor, "Approve");
    public static readonly string Decline = Rpc(ReviewContract.Descriptor, "Decline");
    public static readonly string Disclose = Rpc(RecordsContract.Descriptor, "Disclose");
    public static readonly string Verify = Rpc(RecordsContract.Descriptor, "Verify");
    public static readonly string ListJobs = Rpc(AdministrationContract.Descriptor, "ListJobs");
    public static readonly string GetStatistics = Rpc(AdministrationContract.Descriptor, "GetStatistics");
    public static readonly string ListTickets = Rpc(TicketsContract.Descriptor, "ListTickets");
    public static readonly string GetTicket = Rpc(TicketsContract.Descriptor, "GetTicket");
    public static readonly string RegisterTicket = Rpc(TicketsContract.Descriptor, "RegisterTicket");
    public static readonly string AddTicketStep = Rpc(TicketsContract.Descriptor, "AddTicketStep");
    public static readonly string ListStaff = Rpc(AdministrationContract.Descriptor, "ListStaff");
    public static readonly string AddStaff = Rpc(AdministrationContract.Descriptor, "AddStaff");
    public static readonly string DeactivateStaff = Rpc(AdministrationContract.Descriptor, "DeactivateStaff");
    public static readonly string ListHoldFlags = Rpc(AdministrationContract.Descriptor, "ListHoldFlags");
    public static readonly string SetHoldFlag = Rpc(AdministrationContract.Descriptor, "SetHoldFlag");
    public static readonly string ClearHoldFlag = Rpc(AdministrationContract.Descriptor, "ClearHoldFlag");

    /// <summary>The menu: a page's link shows only to whom its RPC is allowed.</summary>
    public static IReadOnlyList<(string Path, string Label, string Rpc)> Menu { get; } =
    [
        ("/held", "保留一覧", ListHeld),
        ("/flags", "自動応答不可フラグ", ListHoldFlags),
        ("/records", "情報提供等記録", Disclose),
        ("/tickets", "本人からの請求・問合せ", ListTickets),
        ("/staff", "職員管理", ListStaff),
        ("/jobs", "ジョブと統計", ListJobs),
    ];

    /// <summary>Where a signed-in member starts: the first page of the menu that their roles open.</summary>
    public static string Home(HttpContext http) => Menu.FirstOrDefault(p => ConsoleRpc.Allows(http, p.Rpc)).Path ?? "/home";

    /// <summary>Every page action with the RPC it calls, for the permission walk of the tests.</summary>
    public static IReadOnlyList<string> All => [SignIn, SignOut, ListHeld, GetHeld, PreviewAnswer, Approve, Decline,
        ListHoldFlags, SetHoldFlag, ClearHoldFlag, Disclose, Verify, ListJobs, GetStatistics,
        ListTickets, GetTicket, RegisterTicket, AddTicketStep, ListStaff, AddStaff, DeactivateStaff];

    private static string Rpc(ServiceDescriptor service, string method)
    {
        var path = $"/{service.FullName}/{method}";
        if (!RpcPermissions.Rules.ContainsKey(path)) throw new InvalidOperationException($"{path} has no rule in RpcPermissions.");
        return path;
    }
}
