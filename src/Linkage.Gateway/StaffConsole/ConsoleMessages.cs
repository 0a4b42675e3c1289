using Linkage.Domain.Errors;

namespace Linkage.Gateway.StaffConsole;

/// <summary>What staff read when something is refused: Japanese words, with the reason code for the help desk.</summary>
public static class ConsoleMessages
{
    private static readonly Dictionary<string, string> Texts = new(StringComparer.Ordinal)
    {
        [ErrorReasons.SessionIdleTimeout] = "一定時間操作がなかったため、サインアウトしました。もう一度サインインしてください。",
        [ErrorReasons.SessionExpired] = "セッションの有効時間が過ぎたため、サインアウトしました。もう一度サインインしてください。",
        [ErrorReasons.SessionEnded] = "このセッションは終了しています。もう一度サインインしてください。",
        [ErrorReasons.SessionUnknown] = "セッションが見つかりません。もう一度サインインしてください。",
        [ErrorReasons.SessionRequired] = "サインインしてください。",
        [ErrorReasons.SessionCertificateMismatch] = "このセッションは別の証明書のものです。もう一度サインインしてください。",
        [ErrorReasons.CertificateRevoked] = "この証明書（ICカード）は失効しています。サインインできません。管理者に連絡してください。",
        [ErrorReasons.CertificateNotRegistered] = "この証明書は職員として登録されていません。サインインできません。管理者に登録を依頼してください。",
        [ErrorReasons.OtherInstitution] = "この証明書は他の団体のものです。この中間サーバーにはサインインできません。",
        [ErrorReasons.StaffDeactivated] = "この職員の登録は無効になっています。サインインできません。",
        [ErrorReasons.StaffNotInValidityPeriod] = "この職員の登録は有効期間外です。サインインできません。",
        [ErrorReasons.SignInNetworkNotAllowed] = "この端末のネットワークからはサインインできません。指定された端末を使ってください。",
        [ErrorReasons.PeerNotAuthorized] = "この操作を行う権限がありません。権限が必要な場合は管理者に依頼してください。",
        [ErrorReasons.HeldResponseNotFound] = "指定された保留案件は見つかりません。",
        [ErrorReasons.HeldAlreadyDecided] = "この保留案件は既に判断済みです。",
        [ErrorReasons.SameReviewer] = "二者承認の案件です。1人目の承認者とは別の職員が承認してください。",
        [Hosting.Authentication.GrpcAuthorizationResultHandler.NotAuthenticated] = "この証明書では利用者を確認できません。",
        ["signed-out"] = "サインアウトしました。",
    };

    public static bool IsSessionReason(string reason) => reason.StartsWith("SESSION_", StringComparison.Ordinal);

    public static string For(DomainException error) => For(error.Reason, error.Kind);

    public static string For(string reason, ErrorKind kind = ErrorKind.FailedPrecondition) =>
        Texts.TryGetValue(reason, out var text) ? text : kind switch
        {
            ErrorKind.InvalidArgument => "入力内容に誤りがあります。",
            ErrorKind.NotFound => "指定されたものは見つかりません。",
            ErrorKind.PermissionDenied => Texts[ErrorReasons.PeerNotAuthorized],
            ErrorKind.Unavailable => "ただいま処理できません。しばらくしてからもう一度お試しください。",
            ErrorKind.Internal => "システムエラーが発生しました。",
            _ => "この操作はできませんでした。",
        };

    public static string? Known(string? reason) => reason is not null && Texts.TryGetValue(reason, out var text) ? text : null;
}
