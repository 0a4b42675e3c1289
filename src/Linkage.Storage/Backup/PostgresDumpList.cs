using System.Text;
using System.Text.RegularExpressions;

namespace Linkage.Storage.Backup;

/// <summary>
/// The table of contents of a dump (<c>pg_restore -l</c>), checked before any of it runs: one schema, and in it only
/// what EF's migrations make of a gateway's model (tables, their data, identity sequences, keys, indexes). Anything
/// else, a function or a trigger or an object of another schema, is refused: an archive that passed its digest may
/// still have been written by someone other than <c>linkage backup</c>, and the restore runs what it holds.
/// The list handed back to <c>pg_restore -L</c> leaves out the schema's own entry: the schema is the fresh one the
/// platform provisioned, owned by the institution's role, with the operator's grants on it.
/// </summary>
internal sealed partial class PostgresDumpList
{
    private PostgresDumpList(string schema, string restorable, int entries)
    {
        Schema = schema;
        Restorable = restorable;
        Entries = entries;
    }

    /// <summary>The schema the dump is of.</summary>
    public string Schema { get; }

    /// <summary>The entries to restore, in pg_restore's list format.</summary>
    public string Restorable { get; }

    public int Entries { get; }

    public static PostgresDumpList Parse(string list)
    {
        string? schema = null;
        var entries = new List<(string Line, string Kind, string Namespace)>();
        foreach (var raw in list.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || line.StartsWith(';')) continue;
            var entry = Entry().Match(line);
            if (!entry.Success)
            {
                var kind = KindOf().Match(line);
                throw BackupRefusals.Damaged(kind.Success
                    ? $"{PostgresBackupSource.DumpFile} holds a {kind.Groups["kind"].Value} entry, which no gateway's schema holds."
                    : $"{PostgresBackupSource.DumpFile} lists an entry pg_restore's list does not describe as a gateway's.");
            }
            var (entryKind, entryNamespace) = (entry.Groups["kind"].Value, entry.Groups["namespace"].Value);
            if (entryKind == "SCHEMA")
            {
                var name = entry.Groups["rest"].Value.Split(' ')[0];
                if (schema is not null) throw BackupRefusals.Damaged($"{PostgresBackupSource.DumpFile} is of more than one schema.");
                if (!PlainName().IsMatch(name)) throw BackupRefusals.Damaged($"{PostgresBackupSource.DumpFile} is of a schema whose name is not a plain name.");
                schema = name;
                continue;
            }
            entries.Add((line, entryKind, entryNamespace));
        }
        if (schema is null) throw BackupRefusals.Damaged($"{PostgresBackupSource.DumpFile} is not a dump of one schema.");
        if (entries.FirstOrDefault(e => e.Namespace != schema) is { Line: not null } stray)
            throw BackupRefusals.Damaged($"{PostgresBackupSource.DumpFile} holds a {stray.Kind} outside schema {schema}.");
        if (!entries.Any(e => e.Kind == "TABLE"))
            throw BackupRefusals.Damaged($"{PostgresBackupSource.DumpFile} holds no table.");

        var restorable = new StringBuilder();
        foreach (var (line, _, _) in entries) restorable.Append(line).Append('\n');
        return new PostgresDumpList(schema, restorable.ToString(), entries.Count);
    }

    // "215; 1259 16391 TABLE inst_1 T linkage_1": dump id, catalog and object oid, kind, schema, name, owner.
    [GeneratedRegex("^[0-9]+; [0-9]+ [0-9]+ (?<kind>SCHEMA|TABLE DATA|TABLE|SEQUENCE OWNED BY|SEQUENCE SET|SEQUENCE|DEFAULT|FK CONSTRAINT|CONSTRAINT|INDEX) (?<namespace>[^ ]+) (?<rest>.+)$")]
    private static partial Regex Entry();

    // Only the words of a kind, never a name: a refusal quotes no more of the dump than what sort of object it is.
    [GeneratedRegex("^[0-9]+; [0-9]+ [0-9]+ (?<kind>[A-Z]+(?: [A-Z]+)*) ")]
    private static partial Regex KindOf();

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex PlainName();
}
