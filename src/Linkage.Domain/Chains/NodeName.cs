using System.Text.RegularExpressions;
using Linkage.Domain.Errors;

namespace Linkage.Domain.Chains;

/// <summary>
/// The name of one gateway node of an institution (Gateway:NodeId): 1 to 32 of a-z, 0-9 and '-'. Each node writes its
/// own record chain and operation log, named by institution and node, so a node keeps its name for as long as its rows
/// are kept; a second node of the same institution gets a name of its own.
/// </summary>
public static partial class NodeName
{
    public const string Pattern = "^[a-z0-9-]{1,32}$";

    /// <summary>The name of a node that was given none: a single-node deployment never needs to think of it.</summary>
    public const string Default = "node-1";

    public static bool IsValid(string? value) => value is not null && Valid().IsMatch(value);

    /// <summary>A node name as a caller gave it in <paramref name="field"/>, or INVALID_ARGUMENT naming the field.</summary>
    public static string Parse(string? value, string field) => IsValid(value) ? value!
        : throw DomainException.InvalidField(field, value is null or "" ? ErrorReasons.MissingField : ErrorReasons.InvalidArgument,
            "A gateway node's name of 1 to 32 characters (a-z, 0-9, '-') is required.");

    [GeneratedRegex(Pattern, RegexOptions.CultureInvariant)]
    private static partial Regex Valid();
}
