using Linkage.Domain.Codes;

namespace Linkage.Gateway.Access;

/// <summary>The institution whose network-role certificate may call a gateway as the hub: from configuration only.</summary>
public sealed record TrustedHub(InstitutionCode InstitutionCode);
