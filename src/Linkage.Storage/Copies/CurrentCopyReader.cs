using Linkage.Domain.Codes;
using Linkage.Domain.Copies;
using Linkage.Storage.Entities;
using Linkage.Domain;
using Linkage.Storage.Database;

namespace Linkage.Storage.Copies;

/// <summary>
/// The copy look-up of every incoming inquiry, as one prepared statement (see <see cref="ReadPool"/>) instead
/// of an EF query: it runs once per provision, where EF's per-query overhead was a large share of the time. The copies
/// are those of <see cref="VisibleCopies"/>, valid on the day.
/// </summary>
public sealed class CurrentCopyReader(ReadPool pool, InstitutionScope scope, CopyPayloadCodec codec)
{
    private const string Sql = $"""
        SELECT c."RecordKey", c."Version", c."ValidFrom", c."ValidTo", c."IsDeleted", c."KeyId", c."Payload"
        FROM "Copies" c
        WHERE c."InstitutionCode" = @institution AND c."InternalAddressNumber" = @person AND c."InformationNameCode" = @name
          AND {VisibleCopies.CurrentCondition}
        """;

    private readonly string _institution = scope.Code.Value;

    public Task<IReadOnlyList<ProvisionCopy>> ReadAsync(InternalAddressNumber person, InformationNameCode name, DateOnly day)
    {
        // Synchronous and without a token, like the symbol look-up: once a provision has begun, it runs on to its record.
        var rows = new List<CopyRow>(4);
        using (var lease = pool.Rent())
        {
            // Synchronous on purpose: SQLite answers in place, and the async forms only wrap the same calls (on PostgreSQL
            // this blocks a thread for a round trip on loopback, which cost less than the state machines around it).
            var command = lease.Command(Sql, "institution", "person", "name");
            command.Parameters[0].Value = _institution;
            command.Parameters[1].Value = person.Value;
            command.Parameters[2].Value = name.Value;
            using var reader = command.ExecuteReader();
            while (reader.Read())
                rows.Add(new CopyRow
                {
                    InstitutionCode = _institution,
                    InternalAddressNumber = person.Value,
                    InformationNameCode = name.Value,
                    RecordKey = reader.GetString(0),
                    Version = reader.GetInt32(1),
                    ValidFrom = reader.GetFieldValue<DateOnly>(2),
                    ValidTo = reader.IsDBNull(3) ? null : reader.GetFieldValue<DateOnly>(3),
                    IsDeleted = reader.GetBoolean(4),
                    KeyId = reader.GetString(5),
                    Payload = (byte[])reader.GetValue(6),
                });
        }
        return Task.FromResult<IReadOnlyList<ProvisionCopy>>(VisibleCopies.CurrentOf(rows)
            .Select(r => new ProvisionCopy(person, name, r.RecordKey, r.Version, r.ValidFrom, r.ValidTo, codec.Open(r)))
            .Where(c => c.IsValidOn(day))
            .OrderBy(c => c.RecordKey, StringComparer.Ordinal)
            .ToList());
    }
}
