using Linkage.Gateway.Access;
using Linkage.Gateway.Options;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Linkage.Gateway.StaffConsole;

/// <summary>
/// The staff console in the gateway process: Razor Pages on a port of their own (Console:Url), behind the same TLS
/// handshake (a client certificate of our authority is required) and the same authentication as the gRPC port.
/// </summary>
public static partial class ConsoleSetup
{
    // Nothing but our own files: no inline script or style, no framing, forms posting only back here.
    private const string ContentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; " +
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; connect-src 'self'";

    public static WebApplicationBuilder AddStaffConsole(this WebApplicationBuilder builder)
    {
        if (!builder.ListenOnConsolePort()) return builder;

        builder.Services.AddRazorPages(pages =>
        {
            pages.RootDirectory = "/StaffConsole/Pages";
            pages.Conventions.ConfigureFilter(new ConsolePageFilter());
        }).ConfigureApplicationPartManager(parts =>
        {
            // The pages are compiled into this assembly; a test host's entry assembly is another one.
            var assembly = typeof(ConsoleSetup).Assembly;
            if (parts.ApplicationParts.Any(p => p is Microsoft.AspNetCore.Mvc.ApplicationParts.AssemblyPart a && a.Assembly == assembly)) return;
            foreach (var part in Microsoft.AspNetCore.Mvc.ApplicationParts.ApplicationPartFactory.GetApplicationPartFactory(assembly).GetApplicationParts(assembly))
                parts.ApplicationParts.Add(part);
        });
        builder.Services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Name = "__Host-linkage-antiforgery";
            antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
            antiforgery.Cookie.HttpOnly = true;
            antiforgery.FormFieldName = "__antiforgery";
        });
        // Japanese as it is in the page, not as &#x...; entities (the encoder still escapes what HTML needs escaped).
        builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(encoder =>
            encoder.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        builder.Services.AddSingleton<ConsoleRpc>();
        return builder;
    }

    /// <summary>
    /// Listens on the console's port (Console:Url) beside the gRPC port, if there is one: the gateway's own listener, or
    /// a platform node's, which hands each page to the institution of the staff certificate.
    /// </summary>
    /// <returns>Whether the console is on.</returns>
    public static bool ListenOnConsolePort(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ConsoleOptions>().BindConfiguration(ConsoleOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var options = builder.Configuration.GetSection(ConsoleOptions.Section).Get<ConsoleOptions>() ?? new ConsoleOptions();
        if (options.Port is not { } port) return false;

        var urls = builder.Configuration[WebHostDefaults.ServerUrlsKey];
        builder.Configuration[WebHostDefaults.ServerUrlsKey] = string.IsNullOrEmpty(urls) ? options.Url : $"{urls};{options.Url}";
        // Runs after MutualTlsServer's configuration (registered earlier): browsers speak HTTP/1.1 or HTTP/2 here.
        builder.Services.AddOptions<KestrelServerOptions>().Configure(kestrel => kestrel.ConfigureEndpointDefaults(endpoint =>
            endpoint.Protocols = endpoint.IPEndPoint?.Port == port ? HttpProtocols.Http1AndHttp2 : HttpProtocols.Http2));
        return true;
    }

    /// <summary>Before authentication: keeps each port to its own endpoints, and sets the console's headers.</summary>
    public static WebApplication UseStaffConsole(this WebApplication app)
    {
        var port = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ConsoleOptions>>().Value.Port;
        if (port is null) return app;
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ConsoleSetup));
        app.Use(async (context, next) =>
        {
            var isConsole = ConsoleEndpoint.Is(context);
            var onConsolePort = context.Connection.LocalPort == port;
            if (onConsolePort) SetSecurityHeaders(context.Response); // every answer of the console's port, 404s included
            if (onConsolePort != isConsole)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            if (!isConsole)
            {
                await next(context);
                return;
            }
            try
            {
                await next(context);
                // Antiforgery refuses with an empty 400: say what happened instead of showing a blank page.
                if (context.Response is { StatusCode: StatusCodes.Status400BadRequest, HasStarted: false, ContentLength: null })
                {
                    context.Response.ContentType = "text/html; charset=utf-8";
                    await context.Response.WriteAsync(ConsoleAssets.RefusedFormPage);
                }
            }
            catch (Exception error) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
            {
                // The type only: a message could carry what a page was showing. Staff see a page, never a stack trace.
                PageFailed(logger, error.GetType().FullName ?? "");
                context.Response.Clear(); // clears the headers too: set them again
                SetSecurityHeaders(context.Response);
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                context.Response.ContentType = "text/html; charset=utf-8";
                await context.Response.WriteAsync(ConsoleAssets.FailurePage);
            }
        });
        return app;
    }

    private static void SetSecurityHeaders(HttpResponse response)
    {
        var headers = response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XFrameOptions = "DENY";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-store";
        headers.StrictTransportSecurity = "max-age=31536000";
    }

    public static WebApplication MapStaffConsole(this WebApplication app)
    {
        if (app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ConsoleOptions>>().Value.Port is null) return app;
        // The console checks each action against RpcPermissions itself (ConsoleRpc) and answers with pages, not with
        // the gRPC port's refusals; the fallback policy would refuse every page before it could say why.
        app.MapRazorPages().WithMetadata(ConsoleEndpoint.Instance).AllowAnonymous();
        app.MapGet("/static/console.css", ConsoleAssets.Css).WithMetadata(ConsoleEndpoint.Instance).AllowAnonymous();
        app.MapGet("/static/console.js", ConsoleAssets.Script).WithMetadata(ConsoleEndpoint.Instance).AllowAnonymous();
        return app;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A console page failed with {ErrorType}")]
    private static partial void PageFailed(ILogger logger, string errorType);
}
