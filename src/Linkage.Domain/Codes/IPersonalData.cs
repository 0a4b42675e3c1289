namespace Linkage.Domain.Codes;

/// <summary>
/// Marks a value that identifies a person (DESIGN §5: no name, symbol, internal address number or payload
/// value in logs). Such types render as <see cref="Redacted"/>; the logging policy redacts them by type too.
/// </summary>
public interface IPersonalData
{
    const string Redacted = "[redacted]";
}
