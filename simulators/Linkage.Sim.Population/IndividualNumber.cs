namespace Linkage.Sim.Population;

/// <summary>
/// 個人番号: 11 digits and the official check digit. Only the simulators of the resident registry and the address
/// system ever see one; the gateway never does.
/// </summary>
public static class IndividualNumber
{
    /// <summary>The check digit of the Cabinet Office ordinance: weights 2..7, 2..6 from the rightmost digit, modulus 11.</summary>
    public static int CheckDigit(ReadOnlySpan<char> elevenDigits)
    {
        if (elevenDigits.Length != 11) throw new ArgumentException("Eleven digits are needed.", nameof(elevenDigits));
        var sum = 0;
        for (var n = 1; n <= 11; n++)
        {
            var p = elevenDigits[11 - n] - '0';
            var q = n <= 6 ? n + 1 : n - 5;
            sum += p * q;
        }
        var remainder = sum % 11;
        return remainder <= 1 ? 0 : 11 - remainder;
    }

    public static string Complete(string elevenDigits) => elevenDigits + CheckDigit(elevenDigits);

    public static bool IsValid(string? number) =>
        number is { Length: 12 } && number.All(char.IsAsciiDigit) && CheckDigit(number.AsSpan(0, 11)) == number[11] - '0';
}
