namespace Linkage.Domain.Codes;

/// <summary>事務手続きコード: "JT" + 14 digits, the procedure within an affair.</summary>
public readonly record struct ProcedureCode
{
    private ProcedureCode(string value) => Value = value;

    public string Value { get; }

    public static ProcedureCode Parse(string? value, string field = "procedure_code") =>
        new(CodeFormat.Require(value, field, "JT", 14, "A procedure code"));

    public override string ToString() => Value;
}
