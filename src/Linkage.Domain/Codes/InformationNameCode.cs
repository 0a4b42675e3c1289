namespace Linkage.Domain.Codes;

/// <summary>特定個人情報名コード: "TM" + 14 digits, what is asked for.</summary>
public readonly record struct InformationNameCode
{
    private InformationNameCode(string value) => Value = value;

    public string Value { get; }

    public static InformationNameCode Parse(string? value, string field = "information_name_code") =>
        new(CodeFormat.Require(value, field, "TM", 14, "An information name code"));

    public override string ToString() => Value;
}
