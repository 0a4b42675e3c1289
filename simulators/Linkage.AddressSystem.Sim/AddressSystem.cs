using Linkage.Contracts.Registry.V1;
using Linkage.Contracts.V1;
using Linkage.Sim.Population;

namespace Linkage.AddressSystem.Sim;

/// <summary>
/// The address system (宛名管理) of one municipality: it knows each resident's individual number and gives them an
/// internal address number; it asks the resident registry for acquisition numbers and hands the gateway only
/// (internal address number, acquisition number). The individual number never goes to the gateway.
/// </summary>
public sealed class AddressSystem(
    SyntheticPopulation population, string prefix,
    ResidentRegistry.ResidentRegistryClient registry, SymbolManagement.SymbolManagementClient gateway)
{
    /// <summary>Individual numbers per registry call during a batch.</summary>
    public const int RegistryBatch = 1_000;

    public string InternalAddressNumberOf(int resident) => population.InternalAddressNumberOf(resident, prefix);

    /// <summary>One resident, one call each to the registry and the gateway. True when the symbol was already held.</summary>
    public async Task<bool> AcquireOneAsync(int resident, CancellationToken ct = default)
    {
        var number = await registry.IssueAcquisitionNumberAsync(
            new IssueAcquisitionNumberRequest { IndividualNumber = population.IndividualNumberOf(resident) },
            deadline: DateTime.UtcNow.AddSeconds(10), cancellationToken: ct);
        var response = await gateway.AcquireSymbolAsync(new AcquireSymbolRequest
        {
            InternalAddressNumber = InternalAddressNumberOf(resident),
            AcquisitionNumber = number.AcquisitionNumber,
        }, deadline: DateTime.UtcNow.AddSeconds(10), cancellationToken: ct);
        return response.AlreadyAcquired;
    }

    /// <summary>
    /// Residents <paramref name="from"/> .. +<paramref name="count"/> in one stream to the gateway: acquisition numbers
    /// come from the registry in bulk, the next bulk fetched while the current one is streamed.
    /// </summary>
    public async Task<AddressBatchResult> AcquireAllAsync(int from, int count, CancellationToken ct = default)
    {
        var streamed = new List<int>(count);
        var refused = new List<(int Resident, string Reason)>();
        using var call = gateway.AcquireSymbols(cancellationToken: ct);
        var batches = Enumerable.Range(0, (count + RegistryBatch - 1) / RegistryBatch)
            .Select(b => Enumerable.Range(from + b * RegistryBatch, Math.Min(RegistryBatch, count - b * RegistryBatch)).ToList())
            .ToList();

        Task<IssueAcquisitionNumbersResponse>? next = batches.Count > 0 ? IssueAsync(batches[0], ct) : null;
        for (var b = 0; b < batches.Count; b++)
        {
            var issued = await next!;
            next = b + 1 < batches.Count ? IssueAsync(batches[b + 1], ct) : null;
            for (var k = 0; k < batches[b].Count; k++)
            {
                var resident = batches[b][k];
                var answer = issued.Results[k];
                if (answer.AcquisitionNumber.Length == 0)
                {
                    refused.Add((resident, answer.Reason));
                    continue;
                }
                await call.RequestStream.WriteAsync(new AcquireSymbolRequest
                {
                    InternalAddressNumber = InternalAddressNumberOf(resident),
                    AcquisitionNumber = answer.AcquisitionNumber,
                }, ct);
                streamed.Add(resident);
            }
        }
        await call.RequestStream.CompleteAsync();
        return new AddressBatchResult(await call.ResponseAsync, streamed, refused);
    }

    /// <summary>Tells the gateway about every resident in the range who left the city (消除). Returns how many were newly retired.</summary>
    public async Task<int> RetireDepartedAsync(int from, int count, CancellationToken ct = default)
    {
        var retired = 0;
        for (var resident = from; resident < from + count; resident++)
        {
            if (!population.HasLeft(resident)) continue;
            var response = await gateway.RetirePersonAsync(new RetirePersonRequest { InternalAddressNumber = InternalAddressNumberOf(resident) },
                deadline: DateTime.UtcNow.AddSeconds(10), cancellationToken: ct);
            if (!response.AlreadyRetired) retired++;
        }
        return retired;
    }

    private Task<IssueAcquisitionNumbersResponse> IssueAsync(IReadOnlyList<int> residents, CancellationToken ct)
    {
        var request = new IssueAcquisitionNumbersRequest();
        request.IndividualNumbers.AddRange(residents.Select(population.IndividualNumberOf));
        return registry.IssueAcquisitionNumbersAsync(request, deadline: DateTime.UtcNow.AddSeconds(30), cancellationToken: ct).ResponseAsync;
    }
}

/// <summary>
/// A batch as the address system sees it: the gateway's answer, which resident each stream position stood for, and
/// the residents the registry refused (they were never sent to the gateway).
/// </summary>
public sealed record AddressBatchResult(
    AcquireSymbolsResponse Gateway, IReadOnlyList<int> StreamedResidents, IReadOnlyList<(int Resident, string Reason)> RegistryRefusals)
{
    public int ResidentAt(long position) => StreamedResidents[(int)position];
}
