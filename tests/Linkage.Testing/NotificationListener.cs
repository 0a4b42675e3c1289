using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Linkage.Testing;

/// <summary>
/// An operator's notification receiver: plain HTTP on a loopback port the system picks, recording every JSON body
/// posted to <see cref="Address"/>. It can answer the first posts with 503, to show that they are tried again.
/// </summary>
public sealed class NotificationListener : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<JsonElement> _posts = new();
    private int _refusalsLeft;
    private int _attempts;

    private NotificationListener(WebApplication app, int refusals)
    {
        _app = app;
        _refusalsLeft = refusals;
    }

    public string Address { get; private set; } = "";

    /// <summary>The bodies accepted (answered 204), in order.</summary>
    public IReadOnlyList<JsonElement> Posts => _posts.ToArray();

    /// <summary>Every post that reached the listener, the refused ones included.</summary>
    public int Attempts => Volatile.Read(ref _attempts);

    /// <param name="refuseFirst">How many posts to answer 503 Service Unavailable before accepting.</param>
    public static async Task<NotificationListener> StartAsync(int refuseFirst = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var listener = new NotificationListener(app, refuseFirst);
        app.MapPost("/notify", listener.ReceiveAsync);
        await app.StartAsync();
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        listener.Address = bound.TrimEnd('/') + "/notify";
        return listener;
    }

    /// <summary>Waits (at most a minute) until <paramref name="count"/> posts were accepted, and returns them.</summary>
    public async Task<IReadOnlyList<JsonElement>> WaitForAsync(int count)
    {
        var giveUp = DateTime.UtcNow.AddMinutes(1);
        while (_posts.Count < count)
        {
            if (DateTime.UtcNow > giveUp) throw new TimeoutException($"{_posts.Count} of {count} notifications arrived within a minute.");
            await Task.Delay(20);
        }
        return Posts;
    }

    private async Task ReceiveAsync(HttpContext context)
    {
        Interlocked.Increment(ref _attempts);
        using var body = await JsonDocument.ParseAsync(context.Request.Body);
        if (Interlocked.Decrement(ref _refusalsLeft) >= 0)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }
        _posts.Enqueue(body.RootElement.Clone());
        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
