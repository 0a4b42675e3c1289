using Linkage.Domain.Errors;

namespace Linkage.Domain.Codes;

/// <summary>
/// 機関別符号: the pseudonym of one person for one institution, issued by the hub. Opaque to us.
/// Personal data: <see cref="ToString"/> is redacted.
/// </summary>
public readonly record struct Symbol : IPersonalData
{
    public const int MaxLength = 64;

    private Symbol(string value) => Value = value;

    public string Value { get; }

    public static Symbol Parse(string? value, string field = "symbol")
    {
        if (string.IsNullOrEmpty(value) || value.Length > MaxLength || !value.All(char.IsAsciiLetterOrDigit))
            throw DomainException.InvalidField(field, ErrorReasons.MalformedCode,
                $"A symbol must be 1 to {MaxLength} ASCII letters or digits.");
        return new Symbol(value);
    }

    public override string ToString() => IPersonalData.Redacted;
}
