namespace Linkage.Domain.Permits;

/// <summary>A permit as it arrives: the serialized permit, the hub's signature over exactly those bytes, and the key id.</summary>
public sealed record SignedPermitData(byte[] Permit, byte[] Signature, string KeyId);
