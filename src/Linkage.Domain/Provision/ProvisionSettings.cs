using Linkage.Domain.Codes;

namespace Linkage.Domain.Provision;

/// <param name="ReviewWindow">How long staff have to decide a held answer before it is escalated.</param>
public sealed record ProvisionSettings(InstitutionCode Self, TimeSpan MaxClockSkew, TimeSpan ReviewWindow);
