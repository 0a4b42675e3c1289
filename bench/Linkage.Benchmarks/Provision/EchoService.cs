using Linkage.Domain.Staff;
using Grpc.Core;
using Linkage.Benchmarks.Echo;
using Linkage.Contracts.Network.V1;
using Microsoft.AspNetCore.Authorization;

namespace Linkage.Benchmarks.Provision;

/// <summary>Answers every call with one fixed answer of the size of a real one: the cost of the stack alone.</summary>
[Authorize(Roles = Roles.Network)]
public sealed class EchoService(ProvisionAnswer answer) : BenchEcho.BenchEchoBase
{
    public override Task<ProvisionAnswer> Echo(RelayedInquiry request, ServerCallContext context) => Task.FromResult(answer);
}
