namespace Linkage.Domain.Errors;

/// <summary>
/// A refusal that the caller can act on. <see cref="Reason"/> is machine-readable (see <see cref="ErrorReasons"/>);
/// the message is plain words and must never contain personal data, because it travels to logs and callers.
/// </summary>
public sealed class DomainException : Exception
{
    public DomainException(ErrorKind kind, string reason, string message, IReadOnlyList<FieldViolation>? violations = null)
        : base(message)
    {
        Kind = kind;
        Reason = reason;
        Violations = violations ?? [];
    }

    public ErrorKind Kind { get; }
    public string Reason { get; }
    public IReadOnlyList<FieldViolation> Violations { get; }

    public static DomainException InvalidField(string field, string reason, string description) =>
        new(ErrorKind.InvalidArgument, reason, description, [new FieldViolation(field, description)]);
}
