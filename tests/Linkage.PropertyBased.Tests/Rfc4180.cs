using System.Text;

namespace Linkage.PropertyBased.Tests;

/// <summary>
/// A strict reader of RFC 4180 CSV with CRLF record ends, as a spreadsheet program reads it, written apart from the
/// writer so that the properties do not check the writer against itself. Throws on anything the RFC does not allow.
/// </summary>
public static class Rfc4180
{
    public static IReadOnlyList<string[]> Read(string text)
    {
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= text.Length) throw new FormatException("A quoted field is not closed.");
                    if (text[i] == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i += 2; }
                    else if (text[i] == '"') { i++; break; }
                    else field.Append(text[i++]);
                }
            }
            else
            {
                while (i < text.Length && text[i] is not (',' or '\r' or '\n'))
                {
                    if (text[i] == '"') throw new FormatException($"A quote inside an unquoted field at {i}.");
                    field.Append(text[i++]);
                }
            }
            fields.Add(field.ToString());
            field.Clear();
            if (i < text.Length && text[i] == ',') { i++; continue; }
            if (i + 1 < text.Length && text[i] == '\r' && text[i + 1] == '\n')
            {
                i += 2;
                records.Add([.. fields]);
                fields.Clear();
                continue;
            }
            throw new FormatException($"A field ends at {i} with neither a comma nor CRLF.");
        }
        if (fields.Count > 0) throw new FormatException("The last record does not end with CRLF.");
        return records;
    }
}
