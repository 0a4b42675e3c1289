using Google.Protobuf.WellKnownTypes;

namespace Linkage.Network.Client;

/// <summary>
/// A signed message's time, read without trusting its range: Protobuf's own conversion throws
/// InvalidOperationException for seconds or nanos outside what a Timestamp may hold (found by fuzz/Linkage.Fuzz).
/// </summary>
internal static class WireTime
{
    private const long MinSeconds = -62_135_596_800; // 0001-01-01T00:00:00Z
    private const long MaxSeconds = 253_402_300_799; // 9999-12-31T23:59:59Z
    private const int MaxNanos = 999_999_999;

    /// <summary>The instant, or null when the time is absent or out of range.</summary>
    public static DateTimeOffset? Read(Timestamp? time) =>
        time is { Seconds: >= MinSeconds and <= MaxSeconds, Nanos: >= 0 and <= MaxNanos } ? time.ToDateTimeOffset() : null;
}
