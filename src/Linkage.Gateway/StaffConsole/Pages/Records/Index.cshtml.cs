using Linkage.Contracts.Formats;
using Linkage.Contracts.V1;
using Linkage.Gateway.Records;
using Microsoft.AspNetCore.Mvc;

namespace Linkage.Gateway.StaffConsole.Pages.Records;

/// <summary>
/// 情報提供等記録 through linkage.v1.Records: one person's disclosure over a period (Disclose) as a printable page or a
/// CSV file, and the integrity verification of a chain (Verify). The person's number is posted, never put in a URL.
/// </summary>
public sealed class RecordsModel(TimeProvider clock) : ConsolePage
{
    public string Person { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string From { get; private set; } = "";
    public string To { get; private set; } = "";
    public DateTimeOffset Now => clock.GetUtcNow();
    public IReadOnlyList<DisclosedExchange>? Exchanges { get; private set; }
    public VerifyResponse? Verification { get; private set; }
    public bool CanVerify => ConsoleRpc.Allows(HttpContext, ConsolePages.Verify);

    public string Period => $"{(From.Length > 0 ? ConsoleFormat.IsoDay(From) : "最も古い記録")} ～ {(To.Length > 0 ? ConsoleFormat.IsoDay(To) : "本日")}";

    /// <summary>Opening the page reads nothing, but only who may disclose sees the form.</summary>
    public Task OnGetAsync() => RequireAsync(ConsolePages.Disclose);

    public async Task OnPostDiscloseAsync(string person, string? name, string? from, string? to) =>
        Exchanges = await DiscloseAsync(person, name, from, to);

    public async Task<IActionResult> OnPostCsvAsync(string person, string? name, string? from, string? to)
    {
        var exchanges = await DiscloseAsync(person, name, from, to);
        using var buffer = new MemoryStream();
        DisclosureCsv.Write(buffer, exchanges);
        // The file's name says what and when, not whom: a downloads folder is no place for a person's number.
        return File(buffer.ToArray(), "text/csv; charset=utf-8", $"disclosure-{clock.GetUtcNow().ToOffset(TimeSpan.FromHours(9)):yyyyMMdd-HHmmss}.csv");
    }

    public async Task OnPostVerifyAsync(int chain) =>
        Verification = await CallAsync<RecordsService, VerifyRequest, VerifyResponse>(ConsolePages.Verify,
            new VerifyRequest { Chain = Enum.IsDefined(typeof(Chain), chain) ? (Chain)chain : Chain.ProvisionRecords },
            (service, r, context) => service.Verify(r, context));

    private async Task<IReadOnlyList<DisclosedExchange>> DiscloseAsync(string person, string? name, string? from, string? to)
    {
        (Person, Name, From, To) = (person?.Trim() ?? "", name ?? "", from ?? "", to ?? "");
        var response = await CallAsync<RecordsService, DiscloseRequest, DiscloseResponse>(ConsolePages.Disclose,
            new DiscloseRequest { InternalAddressNumber = Person, InformationNameCode = Name, FromDate = From, ToDate = To },
            (service, r, context) => service.Disclose(r, context));
        return response.Exchanges;
    }
}
