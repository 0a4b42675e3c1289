using Linkage.Domain.Codes;

namespace Linkage.Domain.Provision;

public sealed record ProvisionSettings(InstitutionCode Self, TimeSpan MaxClockSkew);
