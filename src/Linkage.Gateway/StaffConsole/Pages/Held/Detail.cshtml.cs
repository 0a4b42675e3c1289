using Linkage.Contracts.V1;
using Linkage.Gateway.Review;
using Microsoft.AspNetCore.Mvc;

namespace Linkage.Gateway.StaffConsole.Pages.Held;

/// <summary>
/// 保留詳細 through linkage.v1.Review: the context (GetHeld), the answer only when asked for (PreviewAnswer, logged),
/// approve and decline; the two-person state is the service's.
/// </summary>
public sealed class HeldDetailModel : ConsolePage
{
    public HeldDetail Detail { get; private set; } = new() { Summary = new HeldSummary() };
    public AnswerPreview? Preview { get; private set; }
    public string? Done { get; private set; }

    public async Task OnGetAsync(string id, string? done)
    {
        Detail = await CallAsync<ReviewService, GetHeldRequest, HeldDetail>(ConsolePages.GetHeld, new GetHeldRequest { HeldId = id },
            (service, r, context) => service.GetHeld(r, context));
        Done = done switch { "approved" => "承認しました。", "declined" => "不提供としました。", _ => null };
    }

    public async Task OnPostPreviewAsync(string id)
    {
        await OnGetAsync(id, null);
        Preview = await CallAsync<ReviewService, GetHeldRequest, AnswerPreview>(ConsolePages.PreviewAnswer, new GetHeldRequest { HeldId = id },
            (service, r, context) => service.PreviewAnswer(r, context));
    }

    public async Task<IActionResult> OnPostApproveAsync(string id, string? comment)
    {
        await CallAsync<ReviewService, ApproveRequest, HeldDetail>(ConsolePages.Approve, new ApproveRequest { HeldId = id, Comment = comment ?? "" },
            (service, r, context) => service.Approve(r, context));
        return Redirect($"/held/{Uri.EscapeDataString(id)}?done=approved");
    }

    public async Task<IActionResult> OnPostDeclineAsync(string id, int reason, string? text)
    {
        await CallAsync<ReviewService, DeclineRequest, HeldDetail>(ConsolePages.Decline,
            new DeclineRequest { HeldId = id, Reason = (DeclineReason)reason, Text = text ?? "" },
            (service, r, context) => service.Decline(r, context));
        return Redirect($"/held/{Uri.EscapeDataString(id)}?done=declined");
    }
}
