using Linkage.Domain.Errors;

namespace Linkage.Domain.Permits;

public static class PermittedListSource
{
    /// <summary>The current list, or <c>PERMITTED_LIST_UNAVAILABLE</c>: neither side may decide without one.</summary>
    public static PermittedList RequireCurrent(this IPermittedListSource lists) =>
        lists.Current ?? throw new DomainException(ErrorKind.Unavailable, ErrorReasons.PermittedListUnavailable,
            "The permitted-inquiry list has not been received from the hub yet.");
}
