namespace Linkage.Domain.Codes;

/// <summary>機関コード: 16 digits naming an inquirer or provider.</summary>
public readonly record struct InstitutionCode
{
    private InstitutionCode(string value) => Value = value;

    public string Value { get; }

    public static InstitutionCode Parse(string? value, string field = "institution_code") =>
        new(CodeFormat.Require(value, field, "", 16, "An institution code"));

    public override string ToString() => Value;
}
