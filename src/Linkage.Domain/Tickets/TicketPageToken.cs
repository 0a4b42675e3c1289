using System.Globalization;
using System.Text;
using Linkage.Domain.Errors;

namespace Linkage.Domain.Tickets;

/// <summary>
/// Where the next page of tickets begins, opaque to callers. It carries the day the first page was listed on, so that
/// a ticket falling due between two pages neither jumps ahead nor shows twice: a listing is as of one day.
/// </summary>
internal static class TicketPageToken
{
    public static string Of(DateOnly today, TicketCursor last) => Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Join('|',
        today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), last.Overdue ? "1" : "0",
        last.ReceivedAt.UtcTicks.ToString(CultureInfo.InvariantCulture), last.TicketId)));

    public static (DateOnly Today, TicketCursor After) Parse(string token)
    {
        try
        {
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(token)).Split('|');
            if (parts.Length == 4 && parts[1] is "0" or "1" && parts[3].Length is > 0 and <= TicketDesk.MaxIdLength)
                return (DateOnly.ParseExact(parts[0], "yyyy-MM-dd", CultureInfo.InvariantCulture), new TicketCursor(parts[1] == "1",
                    new DateTimeOffset(long.Parse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture), TimeSpan.Zero), parts[3]));
        }
        catch (Exception error) when (error is FormatException or ArgumentException or OverflowException)
        {
            // Falls through to the refusal below.
        }
        throw DomainException.InvalidField("page_token", ErrorReasons.InvalidArgument, "The page token is not one this gateway gave out.");
    }
}
