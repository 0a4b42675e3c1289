using System.Text;

namespace Linkage.EndToEnd.Tests;

/// <summary>Finds numbers of a fixed length inside raw bytes (database pages, log text) without knowing the layout.</summary>
internal static class DigitRuns
{
    /// <summary>The members of <paramref name="numbers"/> (all <paramref name="length"/> ASCII digits) that occur anywhere in <paramref name="bytes"/>.</summary>
    public static IReadOnlySet<string> Find(ReadOnlySpan<byte> bytes, IReadOnlySet<string> numbers, int length)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        var run = 0;
        for (var i = 0; i < bytes.Length; i++)
        {
            run = bytes[i] is >= (byte)'0' and <= (byte)'9' ? run + 1 : 0;
            if (run < length) continue;
            var window = Encoding.ASCII.GetString(bytes.Slice(i - length + 1, length));
            if (numbers.Contains(window)) found.Add(window);
        }
        return found;
    }

    public static IReadOnlySet<string> Find(string text, IReadOnlySet<string> numbers, int length) =>
        Find(Encoding.UTF8.GetBytes(text), numbers, length);
}
