using Linkage.Contracts.V1;

namespace Linkage.Cli.Commands;

/// <summary>Statistics, record listing and chain verification for administrators and auditors.</summary>
public static class AdministrationCommands
{
    public static async Task<int> StatsAsync(Arguments args)
    {
        using var channel = Connections.Open(args, "gateway");
        var s = await new Administration.AdministrationClient(channel).GetStatisticsAsync(new GetStatisticsRequest(), deadline: DateTime.UtcNow.AddSeconds(10));
        Console.WriteLine($"institution {s.InstitutionCode}: {s.Symbols} symbols, {s.CurrentCopies} current copies, {s.Records} records, permitted list v{s.PermittedListVersion}");
        return 0;
    }

    public static async Task<int> RecordsAsync(Arguments args)
    {
        using var channel = Connections.Open(args, "gateway");
        var page = await new Records.RecordsClient(channel).ListRecordsAsync(
            new ListRecordsRequest { AfterSequence = args.Number("after", 0), PageSize = args.Number("count", 20) }, deadline: DateTime.UtcNow.AddSeconds(10));
        foreach (var r in page.Records)
            Console.WriteLine($"{r.Sequence,6} {r.RecordedAt.ToDateTimeOffset():u} {r.Direction,-9} {r.InquirerInstitutionCode} -> {r.ProviderInstitutionCode} {r.InformationNameCode} {r.Outcome} {r.Reason}");
        return 0;
    }

    public static async Task<int> VerifyAsync(Arguments args)
    {
        using var channel = Connections.Open(args, "gateway");
        var v = await new Records.RecordsClient(channel).VerifyAsync(new VerifyRequest(), deadline: DateTime.UtcNow.AddMinutes(5));
        Console.WriteLine($"{(v.Intact ? "intact" : "BROKEN")}: {v.RecordsChecked} records checked. {v.Description}");
        return v.Intact ? 0 : 1;
    }
}
