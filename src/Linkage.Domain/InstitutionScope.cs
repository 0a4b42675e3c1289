using Linkage.Domain.Codes;

namespace Linkage.Domain;

/// <summary>
/// The institution this gateway acts for and whose database it keeps. Every row written carries its code, so that a
/// file or a backup says whose data it holds.
/// </summary>
public sealed record InstitutionScope(InstitutionCode Code);
