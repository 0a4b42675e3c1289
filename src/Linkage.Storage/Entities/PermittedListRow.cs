namespace Linkage.Storage.Entities;

/// <summary>The last verified permitted list as signed by the hub, so the gateway can serve after a restart without the hub.</summary>
public sealed class PermittedListRow
{
    public required string InstitutionCode { get; set; }
    public long Version { get; set; }
    public required byte[] SignedList { get; set; }
    public required byte[] Signature { get; set; }
    public required string KeyId { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
}
