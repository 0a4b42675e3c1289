using Linkage.Domain.Errors;

namespace Linkage.Domain.Staff;

/// <summary>The ids of staff members and systems: 1 to 32 of A-Z a-z 0-9 - _, so they print safely in logs and tables.</summary>
public static class RegistryId
{
    public static string Require(string? id, string field)
    {
        if (id is { Length: > 0 and <= 32 } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            return id;
        throw DomainException.InvalidField(field, ErrorReasons.InvalidArgument, "An id of 1 to 32 letters, digits, '-' or '_' is required.");
    }
}
