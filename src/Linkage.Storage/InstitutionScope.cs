using Linkage.Domain.Codes;

namespace Linkage.Storage;

/// <summary>The institution whose database this is. Every row written carries it and every query filters by it.</summary>
public sealed record InstitutionScope(InstitutionCode Code);
