using System.Reflection;

namespace Linkage.Gateway.StaffConsole;

/// <summary>The style sheet and script, embedded in the assembly: nothing to build or copy beside the gateway.</summary>
public static class ConsoleAssets
{
    private static readonly string CssText = Read("console.css");
    private static readonly string ScriptText = Read("console.js");

    public static IResult Css() => Results.Text(CssText, "text/css; charset=utf-8");

    public static IResult Script() => Results.Text(ScriptText, "text/javascript; charset=utf-8");

    /// <summary>When a page itself failed: no layout, no data, no stack trace.</summary>
    public const string FailurePage = "<!DOCTYPE html><html lang=\"ja\"><head><meta charset=\"utf-8\"><title>システムエラー</title>" +
        "<link rel=\"stylesheet\" href=\"/static/console.css\"></head><body><main><h2>システムエラー</h2>" +
        "<p>処理中にエラーが発生しました。時間をおいてもう一度お試しください。続く場合はシステム管理者に連絡してください。</p>" +
        "<p><a href=\"/\">サインイン画面へ</a></p></main></body></html>";

    /// <summary>A form refused by antiforgery (no token, another session's, or another site's form).</summary>
    public const string RefusedFormPage = "<!DOCTYPE html><html lang=\"ja\"><head><meta charset=\"utf-8\"><title>送信を受け付けられません</title>" +
        "<link rel=\"stylesheet\" href=\"/static/console.css\"></head><body><main><h2>送信を受け付けられません</h2>" +
        "<div class=\"notice danger\" role=\"alert\"><p id=\"refusal-message\">この画面から送信されたフォームであることを確認できませんでした" +
        "（偽造防止トークンがない、または無効です）。操作は行われていません。</p><p>理由コード: <span class=\"code\">ANTIFORGERY_TOKEN_INVALID</span></p></div>" +
        "<p><a href=\"/home\">画面を開き直す</a></p></main></body></html>";

    private static string Read(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"Linkage.Gateway.StaffConsole.Assets.{name}")
            ?? throw new InvalidOperationException($"The console asset {name} is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
