using System.Net;
using System.Text.RegularExpressions;
using Linkage.Testing;
using Linkage.Transport;

namespace Linkage.Console.Tests;

/// <summary>
/// A browser without a browser: HTTPS to the console with a staff certificate, cookies kept, redirects not followed
/// (so a test sees each Set-Cookie and Location), forms posted with the antiforgery token of the page they came from.
/// </summary>
public sealed partial class ConsoleClient : IDisposable
{
    private readonly HttpClient _http;

    public ConsoleClient(string address, TlsMaterial tls)
    {
        var handler = MutualTlsChannel.CreateHandler(tls);
        handler.UseCookies = true;
        handler.CookieContainer = Cookies;
        handler.AllowAutoRedirect = false;
        _http = new HttpClient(handler) { BaseAddress = new Uri(address) };
    }

    public static ConsoleClient Of(TestNetwork network, string role)
    {
        var (name, peer) = network.RegisteredStaff(network.Hitachi, role);
        return new ConsoleClient(network.HitachiConsole, network.Pki.Material(name, peer));
    }

    public CookieContainer Cookies { get; } = new();

    public Task<HttpResponseMessage> GetAsync(string path) => _http.GetAsync(path);

    public async Task<string> GetTextAsync(string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{path}: {(int)response.StatusCode}\n{text}");
        return text;
    }

    /// <summary>Posts a form of the page at <paramref name="pagePath"/> to <paramref name="action"/>, with its antiforgery token unless told not to.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string pagePath, string action, IDictionary<string, string>? fields = null, bool withToken = true)
    {
        var form = new Dictionary<string, string>(fields ?? new Dictionary<string, string>());
        if (withToken) form["__antiforgery"] = TokenOf(await GetTextAsync(pagePath));
        return await _http.PostAsync(action, new FormUrlEncodedContent(form));
    }

    /// <summary>Signs in as the certificate's staff member; the session cookie is kept for the next requests.</summary>
    public async Task<HttpResponseMessage> SignInAsync()
    {
        var response = await PostFormAsync("/", "/?handler=SignIn");
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"sign-in: {(int)response.StatusCode}\n{await response.Content.ReadAsStringAsync()}");
        return response;
    }

    public static string TokenOf(string html) =>
        AntiforgeryField().Match(html) is { Success: true } match ? WebUtility.HtmlDecode(match.Groups[1].Value)
            : throw new InvalidOperationException("The page has no antiforgery token:\n" + html);

    [GeneratedRegex("name=\"__antiforgery\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    public void Dispose() => _http.Dispose();
}
