namespace Linkage.Domain.Codes;

/// <summary>
/// 団体内統合宛名番号: the municipality's own 15-digit number for a person. Personal data:
/// <see cref="ToString"/> is redacted so that the number cannot reach a log by accident; use <see cref="Value"/>.
/// </summary>
public readonly record struct InternalAddressNumber : IPersonalData
{
    private InternalAddressNumber(string value) => Value = value;

    public string Value { get; }

    public static InternalAddressNumber Parse(string? value, string field = "internal_address_number") =>
        new(CodeFormat.Require(value, field, "", 15, "An internal address number"));

    public override string ToString() => IPersonalData.Redacted;
}
