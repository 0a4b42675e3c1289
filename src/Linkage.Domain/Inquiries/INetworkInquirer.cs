namespace Linkage.Domain.Inquiries;

/// <summary>
/// The inquirer's side of the network protocol: ask the hub for a permit, send the inquiry with it, decrypt the answer.
/// Refusals by the hub or the provider arrive as domain exceptions with their reason.
/// </summary>
public interface INetworkInquirer
{
    Task<NetworkAnswer> InquireAsync(OutgoingInquiry inquiry, CancellationToken ct);
}
