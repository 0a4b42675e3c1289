namespace Linkage.Domain.Inquiries;

/// <summary>
/// The inquirer's side of the network protocol: ask the hub for a permit, send the inquiry with it, decrypt the answer.
/// Refusals before a permit exists arrive as domain exceptions with their reason; failures after it as a
/// <see cref="NetworkAnswer"/> whose <see cref="NetworkAnswer.Failure"/> is set, carrying the permit id.
/// </summary>
public interface INetworkInquirer
{
    Task<NetworkAnswer> InquireAsync(OutgoingInquiry inquiry, CancellationToken ct);
}
