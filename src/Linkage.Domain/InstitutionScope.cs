using Linkage.Domain.Chains;
using Linkage.Domain.Codes;

namespace Linkage.Domain;

/// <summary>
/// The institution this gateway acts for and whose database it keeps, and which of the institution's gateway nodes this
/// one is (see <see cref="NodeName"/>). Every row written carries the institution's code, so that a file or a backup
/// says whose data it holds; every chain entry carries the node, whose chain it is.
/// </summary>
public sealed record InstitutionScope(InstitutionCode Code, string Node = NodeName.Default);
