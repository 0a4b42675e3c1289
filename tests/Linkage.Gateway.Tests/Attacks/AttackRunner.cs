using Google.Protobuf.Reflection;
using Grpc.Core;
using Linkage.Contracts.V1;
using Linkage.Testing;

namespace Linkage.Gateway.Tests.Attacks;

/// <summary>Where attacks run: a gateway (or a node of several) whose databases can be counted.</summary>
public interface IAttackScene
{
    /// <summary>The label of the database that <see cref="Written"/> means when it names none.</summary>
    string Home { get; }

    /// <summary>Every table of every database of the scene, counted now.</summary>
    RowCounts CountRows();

    /// <summary>The reason of the newest entry of a chain table (provision records, operation log) in one database.</summary>
    string? NewestReason(string database, string table);
}

/// <summary>
/// Runs one attack: prepares its caller and bytes, counts every table, sends the bytes as they are (a marshaller that
/// leaves them alone, so malformed and truncated messages reach the server), counts again, and holds the answer and the
/// difference to the case.
/// </summary>
public static class AttackRunner
{
    /// <summary>Every method of the gateway's own services, by path, from the contracts.</summary>
    public static readonly IReadOnlyDictionary<string, MethodDescriptor> Methods = new[]
    {
        CopyRegistration.Descriptor, Inquiry.Descriptor, SymbolManagement.Descriptor, Contracts.V1.Provision.Descriptor,
        Contracts.V1.Staff.Descriptor, Contracts.V1.Review.Descriptor, Contracts.V1.Records.Descriptor,
        Contracts.V1.Administration.Descriptor, Contracts.V1.Tickets.Descriptor,
    }.SelectMany(s => s.Methods).ToDictionary(m => $"/{m.Service.FullName}/{m.Name}", StringComparer.Ordinal);

    public static async Task RunAsync<TScene>(TScene scene, AttackCase<TScene> attack) where TScene : IAttackScene
    {
        var invoker = await attack.Caller.Connect(scene);
        var messages = await attack.Message.Build(scene);
        var before = scene.CountRows();
        var (status, reason, detail) = await SendAsync(invoker, attack.Method, messages);
        var changes = scene.CountRows().Since(before);

        var expected = attack.Writes.ToDictionary(w => $"{w.Database ?? scene.Home}/{w.Table}", w => w.Count, StringComparer.Ordinal);
        var problems = new List<string>();
        if ((status, reason) != (attack.Status, attack.Reason))
            problems.Add($"answered {status} {reason ?? "(no reason)"} ({detail}), expected {attack.Status} {attack.Reason ?? "(no reason)"}");
        if (!expected.OrderBy(e => e.Key, StringComparer.Ordinal).SequenceEqual(changes))
            problems.Add($"left {RowCounts.Describe(changes)}, expected {RowCounts.Describe(expected)}");
        foreach (var written in attack.Writes.Where(w => w.Table is Written.ProvisionRecords or Written.OperationLog))
        {
            var newest = scene.NewestReason(written.Database ?? scene.Home, written.Table);
            if (newest != (written.Reason ?? attack.Reason ?? ""))
                problems.Add($"the newest {written.Table} entry says {newest}, expected {written.Reason ?? attack.Reason}");
        }
        Assert.True(problems.Count == 0,
            $"{attack.Name} ({attack.Caller} calls {attack.Rpc} with {attack.Message}):\n  " + string.Join("\n  ", problems));
    }

    /// <summary>
    /// Waits until two counts of the scene a second and a half apart agree (for at most a minute): from then on only
    /// the attacks write.
    /// </summary>
    public static async Task WaitUntilQuietAsync(IAttackScene scene)
    {
        var giveUp = DateTime.UtcNow.AddSeconds(60);
        var last = scene.CountRows();
        while (true)
        {
            await Task.Delay(1500);
            var now = scene.CountRows();
            if (now.Since(last).Count == 0) return;
            Assert.True(DateTime.UtcNow < giveUp, "The scene kept writing by itself: " + RowCounts.Describe(now.Since(last)));
            last = now;
        }
    }

    /// <summary>Sends the bytes as one message (unary) or as a client stream; the status, ErrorInfo reason and detail it ended with.</summary>
    public static async Task<(StatusCode Status, string? Reason, string Detail)> SendAsync(CallInvoker invoker, string path, IReadOnlyList<byte[]> messages)
    {
        var descriptor = Methods.TryGetValue(path, out var found) ? found : throw new ArgumentException($"{path} is no method of the gateway's services.");
        var raw = Marshallers.Create(bytes => bytes, bytes => bytes);
        var type = descriptor.IsClientStreaming ? MethodType.ClientStreaming : MethodType.Unary;
        var method = new Method<byte[], byte[]>(type, descriptor.Service.FullName, descriptor.Name, raw, raw);
        var options = new CallOptions(deadline: DateTime.UtcNow.AddSeconds(30));
        try
        {
            if (type == MethodType.Unary)
                await invoker.AsyncUnaryCall(method, null, options, messages.Single());
            else
            {
                using var call = invoker.AsyncClientStreamingCall(method, null, options);
                try
                {
                    foreach (var message in messages) await call.RequestStream.WriteAsync(message);
                    await call.RequestStream.CompleteAsync();
                }
                catch (RpcException) { /* refused while sending: the answer below says why */ }
                catch (InvalidOperationException) { /* the call already ended: the answer below says how */ }
                await call.ResponseAsync;
            }
            return (StatusCode.OK, null, "");
        }
        catch (RpcException error) when (error.Status.DebugException is { } cause && IsConnectionFailure(cause))
        {
            // No gRPC answer came back: the gateway refused the connection in the TLS handshake. Depending on when its
            // alert arrives (TLS 1.3 lets the client finish first) the client reports UNAVAILABLE or INTERNAL: one outcome.
            return (StatusCode.Unavailable, null, "no gRPC answer: " + cause.GetType().Name);
        }
        catch (RpcException error)
        {
            return (error.StatusCode, error.Reason(), $"{error.Status.Detail} {error.Status.DebugException?.GetType().Name}");
        }
    }

    private static bool IsConnectionFailure(Exception? error)
    {
        for (; error is not null; error = error.InnerException)
            if (error is HttpRequestException or IOException or System.Security.Authentication.AuthenticationException) return true;
        return false;
    }
}
