using Linkage.Domain.Codes;

namespace Linkage.Domain.Copies;

/// <summary>A 特定個人情報名 that the gateway holds: which report categories it covers and whether it may be provided.</summary>
public sealed record InformationName(InformationNameCode Code, string Name, IReadOnlySet<int> ReportCategories, bool Providable);
