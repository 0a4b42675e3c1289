using Linkage.Domain.Codes;
using Linkage.Domain.Errors;

namespace Linkage.Domain.Symbols;

/// <summary>
/// 取得番号: a one-time 16-digit number from the resident registry that the hub exchanges for our symbol. While it is
/// valid it stands for a person, so it is treated like personal data: <see cref="ToString"/> is redacted.
/// </summary>
public readonly record struct AcquisitionNumber : IPersonalData
{
    public const int Length = 16;

    private AcquisitionNumber(string value) => Value = value;

    public string Value { get; }

    public static AcquisitionNumber Parse(string? value, string field = "acquisition_number")
    {
        if (string.IsNullOrEmpty(value) || value.Length != Length || !value.All(char.IsAsciiDigit))
            throw DomainException.InvalidField(field, ErrorReasons.MalformedCode, $"An acquisition number is {Length} digits.");
        return new AcquisitionNumber(value);
    }

    public override string ToString() => IPersonalData.Redacted;
}
