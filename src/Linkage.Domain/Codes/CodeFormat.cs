using Linkage.Domain.Errors;

namespace Linkage.Domain.Codes;

/// <summary>Shape checks shared by the code types: fixed-length digit strings with an optional two-letter prefix.</summary>
internal static class CodeFormat
{
    public static string Require(string? value, string field, string prefix, int digits, string what)
    {
        if (string.IsNullOrEmpty(value))
            throw DomainException.InvalidField(field, ErrorReasons.MissingField, $"{what} is required.");
        if (value.Length != prefix.Length + digits
            || !value.StartsWith(prefix, StringComparison.Ordinal)
            || !AllDigits(value.AsSpan(prefix.Length)))
        {
            var shape = prefix.Length == 0 ? $"{digits} digits" : $"\"{prefix}\" followed by {digits} digits";
            throw DomainException.InvalidField(field, ErrorReasons.MalformedCode, $"{what} must be {shape}.");
        }
        return value;
    }

    public static bool AllDigits(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
            if (c is < '0' or > '9') return false;
        return s.Length > 0;
    }
}
