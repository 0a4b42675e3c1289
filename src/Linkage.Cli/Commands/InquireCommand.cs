using Linkage.Contracts.V1;

namespace Linkage.Cli.Commands;

/// <summary>Asks a gateway, as its back office, to inquire another institution about a person, and prints the answer.</summary>
public static class InquireCommand
{
    public static async Task<int> RunAsync(Arguments args)
    {
        using var channel = Connections.Open(args, "gateway");
        var response = await new Inquiry.InquiryClient(channel).InquireAsync(new InquireRequest
        {
            AffairCode = args.Optional("affair", "JM00000000000139"),
            ProcedureCode = args.Optional("procedure", "JT00000000013901"),
            InformationNameCode = args.Optional("information", "TM00000000013903"),
            InternalAddressNumber = args.Required("person"),
            ProviderInstitutionCode = args.Required("provider"),
        }, deadline: DateTime.UtcNow.AddSeconds(30));

        Console.WriteLine($"inquiry {response.InquiryId}: {response.Outcome} {response.NotProvidedReason}".TrimEnd());
        foreach (var record in response.Records)
        {
            Console.WriteLine($"  record {record.RecordKey} v{record.Version} valid {record.ValidFrom}..{record.ValidTo}");
            foreach (var item in record.Items) Console.WriteLine($"    {item.ItemCode} = {item.Value}");
        }
        return 0;
    }
}
