namespace Linkage.Domain.Errors;

/// <summary>One bad field of a request: the field path and a description without the field's value.</summary>
public sealed record FieldViolation(string Field, string Description);
