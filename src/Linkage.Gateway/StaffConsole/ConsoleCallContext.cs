using Grpc.Core;

namespace Linkage.Gateway.StaffConsole;

/// <summary>
/// The call context of a console action handed to a gRPC service in-process: the service finds the caller on the
/// HttpContext as it does on the gRPC port (Grpc.AspNetCore's GetHttpContext reads UserState "__HttpContext").
/// </summary>
internal sealed class ConsoleCallContext : ServerCallContext
{
    private readonly HttpContext _http;
    private readonly string _method;

    public ConsoleCallContext(HttpContext http, string method)
    {
        _http = http;
        _method = method;
        UserState["__HttpContext"] = http;
    }

    protected override string MethodCore => _method;
    protected override string HostCore => _http.Request.Host.Value ?? "";
    protected override string PeerCore => $"console:{_http.Connection.RemoteIpAddress}";
    protected override DateTime DeadlineCore => DateTime.MaxValue;
    protected override Metadata RequestHeadersCore { get; } = [];
    protected override CancellationToken CancellationTokenCore => _http.RequestAborted;
    protected override Metadata ResponseTrailersCore { get; } = [];
    protected override Status StatusCore { get; set; }
    protected override WriteOptions? WriteOptionsCore { get; set; }
    protected override AuthContext AuthContextCore => new(null, []);

    protected override ContextPropagationToken CreatePropagationTokenCore(ContextPropagationOptions? options) =>
        throw new NotSupportedException("Console actions do not propagate calls.");

    protected override Task WriteResponseHeadersAsyncCore(Metadata responseHeaders) => Task.CompletedTask;
}
