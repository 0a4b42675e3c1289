namespace Linkage.Domain.Copies;

/// <summary>One item value of a copy. Payload value: never logged.</summary>
public sealed record ItemEntry(string ItemCode, string Value)
{
    public override string ToString() => $"{ItemCode}=[redacted]";
}
