using System.Globalization;
using System.Text;
using Linkage.Domain.Errors;
using Linkage.Domain.Review;

namespace Linkage.Storage.Review;

/// <summary>Where the next page of held responses begins: the last item's place in the list order, opaque to callers.</summary>
internal static class HeldPageToken
{
    public static string Of(HeldSummary last) => Convert.ToBase64String(Encoding.UTF8.GetBytes(
        $"{(last.Escalated ? 1 : 0)}|{last.ReceivedAt.UtcTicks.ToString(CultureInfo.InvariantCulture)}|{last.PermitId}"));

    public static (bool Escalated, DateTimeOffset ReceivedAt, string PermitId)? Parse(string? token)
    {
        if (string.IsNullOrEmpty(token)) return null;
        try
        {
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(token)).Split('|', 3);
            return (parts[0] == "1", new DateTimeOffset(long.Parse(parts[1], CultureInfo.InvariantCulture), TimeSpan.Zero), parts[2]);
        }
        catch (Exception error) when (error is FormatException or IndexOutOfRangeException or ArgumentException)
        {
            throw DomainException.InvalidField("page_token", ErrorReasons.InvalidArgument, "This page token was not issued by this list.");
        }
    }
}
