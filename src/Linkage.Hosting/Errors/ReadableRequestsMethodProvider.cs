using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Google.Protobuf;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;
using Linkage.Domain.Errors;
using Linkage.Transport;
using Microsoft.AspNetCore.Routing;

namespace Linkage.Hosting.Errors;

/// <summary>
/// Binds every generated gRPC service as grpc-dotnet's own provider does (the generated BindService, the service's
/// methods, their attributes as endpoint metadata), with one difference: a request that cannot be read as its message —
/// bytes that are no protobuf, a message cut short, an invalid field — is refused as INVALID_ARGUMENT with the reason
/// MALFORMED_MESSAGE. grpc-dotnet reads a request before any interceptor runs, so <see cref="DomainErrorInterceptor"/>
/// never sees that failure, which grpc-dotnet would answer as UNKNOWN without a reason and log as a failure of the service.
/// </summary>
public sealed class ReadableRequestsMethodProvider<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.All)] TService>
    : IServiceMethodProvider<TService> where TService : class
{
    private const BindingFlags Static = BindingFlags.Public | BindingFlags.Static;

    public void OnServiceMethodDiscovery(ServiceMethodProviderContext<TService> context)
    {
        for (var type = typeof(TService); type is not null; type = type.BaseType)
        {
            if (type.GetCustomAttribute<BindServiceMethodAttribute>(inherit: false) is not { } bind) continue;
            var method = bind.BindType.GetMethod(bind.BindMethodName, Static, [typeof(ServiceBinderBase), type])
                ?? throw new InvalidOperationException($"{bind.BindType} has no {bind.BindMethodName} for {typeof(TService)}.");
            method.Invoke(null, [new Binder(context, type), null]);
            return;
        }
        throw new InvalidOperationException($"{typeof(TService)} is no generated gRPC service (no BindServiceMethod attribute).");
    }

    /// <summary>A request that grpc-dotnet could not read, as the domain refusal it is.</summary>
    private static RpcException Malformed(string message) => DomainStatus.ToRpcException(new DomainException(
        ErrorKind.InvalidArgument, ErrorReasons.MalformedMessage, $"The request cannot be read as a {message}."));

    private sealed class Binder(ServiceMethodProviderContext<TService> context, Type declaringType) : ServiceBinderBase
    {
        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler) =>
            context.AddUnaryMethod(Readable(method), Metadata(method.Name, [typeof(TRequest), typeof(ServerCallContext)], out var m),
                Invoker<UnaryServerMethod<TService, TRequest, TResponse>>(m));

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse>? handler) =>
            context.AddClientStreamingMethod(Readable(method),
                Metadata(method.Name, [typeof(IAsyncStreamReader<TRequest>), typeof(ServerCallContext)], out var m),
                Invoker<ClientStreamingServerMethod<TService, TRequest, TResponse>>(m));

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse>? handler) =>
            context.AddServerStreamingMethod(Readable(method),
                Metadata(method.Name, [typeof(TRequest), typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext)], out var m),
                Invoker<ServerStreamingServerMethod<TService, TRequest, TResponse>>(m));

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse>? handler) =>
            context.AddDuplexStreamingMethod(Readable(method),
                Metadata(method.Name, [typeof(IAsyncStreamReader<TRequest>), typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext)], out var m),
                Invoker<DuplexStreamingServerMethod<TService, TRequest, TResponse>>(m));

        /// <summary>The same method, its requests read by the generated parser and refused with a reason when they cannot be.</summary>
        private static Method<TRequest, TResponse> Readable<TRequest, TResponse>(Method<TRequest, TResponse> method)
            where TRequest : class where TResponse : class
        {
            var read = method.RequestMarshaller.ContextualDeserializer;
            var name = typeof(TRequest).Name;
            var requests = new Marshaller<TRequest>(method.RequestMarshaller.ContextualSerializer, context =>
            {
                try { return read(context); }
                catch (InvalidProtocolBufferException) { throw Malformed(name); }
            });
            return new Method<TRequest, TResponse>(method.Type, method.ServiceName, method.Name, requests, method.ResponseMarshaller);
        }

        private IList<object> Metadata(string name, Type[] parameters, out MethodInfo handler)
        {
            handler = Handler(name, parameters) ?? throw new InvalidOperationException($"{typeof(TService)} has no method {name}.");
            // As grpc-dotnet: the service's attributes first, the method's after them (they take precedence), POST only.
            var metadata = new List<object>(typeof(TService).GetCustomAttributes(inherit: true));
            metadata.AddRange(handler.GetCustomAttributes(inherit: true));
            metadata.Add(new HttpMethodMetadata(["POST"], acceptCorsPreflight: true));
            return metadata;
        }

        /// <summary>The service's override of the generated base's method (a method that only hides it is passed over).</summary>
        private MethodInfo? Handler(string name, Type[] parameters)
        {
            for (var type = typeof(TService); type is not null; type = type.BaseType)
            {
                var found = type.GetMethod(name, BindingFlags.Public | BindingFlags.Instance, parameters);
                if (found is null) return null;
                if (found.IsVirtual && found.GetBaseDefinition().DeclaringType == declaringType) return found;
            }
            return null;
        }

        private static TDelegate Invoker<TDelegate>(MethodInfo handler) where TDelegate : Delegate =>
            (TDelegate)Delegate.CreateDelegate(typeof(TDelegate), handler);
    }
}
