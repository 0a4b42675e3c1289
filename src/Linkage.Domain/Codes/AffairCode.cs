namespace Linkage.Domain.Codes;

/// <summary>事務コード: "JM" + 14 digits, the affair an inquiry serves.</summary>
public readonly record struct AffairCode
{
    private AffairCode(string value) => Value = value;

    public string Value { get; }

    public static AffairCode Parse(string? value, string field = "affair_code") =>
        new(CodeFormat.Require(value, field, "JM", 14, "An affair code"));

    public override string ToString() => Value;
}
