using Linkage.Cli;
using Linkage.Contracts.V1;
using Linkage.Network.Sim;
using Linkage.Sim.Population;
using Linkage.Testing.LogScan;
using Microsoft.Data.Sqlite;

namespace Linkage.LogScan;

/// <summary>
/// Reads the personal data a demo run put into the system from the run itself: the seeded residents, the symbols
/// and internal address numbers in the gateways' databases (checked against the seed, so that a run that seeded
/// nothing cannot pass), and the item values of every copy, read back through the provider gateway.
/// </summary>
public static class DemoValues
{
    public static async Task<SensitiveValues> CollectAsync(DemoSources sources, TextWriter report)
    {
        var values = new SensitiveValues();
        var population = new SyntheticPopulation();
        var derivation = new SymbolDerivation(Convert.FromBase64String(File.ReadAllText(sources.HubSymbolSecretFile).Trim()));
        var seeded = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < sources.Residents; i++)
        {
            var resident = population.Get(i);
            values.Add(SensitiveValues.IndividualNumber, resident.IndividualNumber);
            values.Add(SensitiveValues.ResidentCode, resident.ResidentCode);
            foreach (var space in new[] { "", " ", "\u3000" })
            {
                values.Add(SensitiveValues.Name, resident.FamilyName + space + resident.GivenName);
                values.Add(SensitiveValues.Name, resident.FamilyNameKana + space + resident.GivenNameKana);
            }
            values.Add(SensitiveValues.Address, resident.Address);
            foreach (var prefix in sources.Prefixes) Seeded(SensitiveValues.InternalAddressNumber, population.InternalAddressNumberOf(i, prefix));
            foreach (var institution in sources.Institutions) Seeded(SensitiveValues.Symbol, derivation.SymbolFor(institution, resident.ResidentCode));
        }

        foreach (var database in sources.Databases)
        {
            var mappings = ReadMappings(database);
            var unknown = mappings.Count(m => !seeded.Contains(m.Person) || !seeded.Contains(m.Symbol));
            report.WriteLine($"{Path.GetFileName(database)}: {mappings.Count} symbol mappings, {unknown} not derived from the seed");
            // Both checks make sure the values searched are the run's own: a run that seeded nothing, or a seed or hub
            // secret other than the run's, fails here instead of passing a scan for values no log could hold.
            if (mappings.Count < sources.Residents)
                throw new InvalidOperationException($"{database} holds {mappings.Count} symbol mappings, the demo seeds {sources.Residents}.");
            if (unknown > 0)
                throw new InvalidOperationException($"{database} holds {unknown} symbol mappings that the seed and the hub's secret do not give.");
            foreach (var (person, symbol) in mappings)
            {
                values.Add(SensitiveValues.InternalAddressNumber, person);
                values.Add(SensitiveValues.Symbol, symbol);
            }
        }

        var copies = await ReadCopiesAsync(sources, values);
        report.WriteLine($"{Path.GetFileName(sources.CopiesDatabase)}: {copies} current copies read back through {sources.CopiesGateway}");
        if (copies == 0) throw new InvalidOperationException($"{sources.CopiesDatabase} holds no copies: the demo registered none.");
        return values;

        void Seeded(string kind, string value)
        {
            values.Add(kind, value);
            seeded.Add(value);
        }
    }

    private static List<(string Person, string Symbol)> ReadMappings(string database)
    {
        using var connection = Open(database);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT InternalAddressNumber, Symbol FROM SymbolMappings";
        using var reader = command.ExecuteReader();
        var mappings = new List<(string, string)>();
        while (reader.Read()) mappings.Add((reader.GetString(0), reader.GetString(1)));
        return mappings;
    }

    // Item values are encrypted at rest; the provider's own health system reads them back as the back office would.
    private static async Task<int> ReadCopiesAsync(DemoSources sources, SensitiveValues values)
    {
        var keys = new List<GetCopyRequest>();
        using (var connection = Open(sources.CopiesDatabase))
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT InternalAddressNumber, InformationNameCode, RecordKey FROM Copies WHERE IsCurrent AND NOT IsDeleted";
            using var reader = command.ExecuteReader();
            while (reader.Read())
                keys.Add(new GetCopyRequest { InternalAddressNumber = reader.GetString(0), InformationNameCode = reader.GetString(1), RecordKey = reader.GetString(2) });
        }
        using var channel = Connections.Open(sources.CopiesGateway, sources.CopiesCertificate);
        var gateway = new CopyRegistration.CopyRegistrationClient(channel);
        foreach (var key in keys)
        {
            var copy = (await gateway.GetCopyAsync(key, deadline: DateTime.UtcNow.AddSeconds(30))).Copy;
            foreach (var item in copy.Items) values.Add(SensitiveValues.PayloadValue, item.Value);
        }
        return keys.Count;
    }

    private static SqliteConnection Open(string database)
    {
        if (!File.Exists(database)) throw new FileNotFoundException($"No database {database}", database);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadOnly }.ToString());
        connection.Open();
        return connection;
    }
}
