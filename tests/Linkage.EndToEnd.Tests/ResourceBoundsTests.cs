using Grpc.Core;
using Linkage.Contracts.V1;
using Linkage.Domain.Staff;
using Linkage.Testing;
using Linkage.Transport;
using Microsoft.Extensions.DependencyInjection;
using static Linkage.Testing.TestNetwork;

namespace Linkage.EndToEnd.Tests;

/// <summary>
/// Each bound of a batch stream and of an answer over the wire, at small settings: refused where it is reached with
/// RESOURCE_EXHAUSTED and its reason, and nothing of the refused batch left in the copies or batches tables.
/// </summary>
public sealed class ResourceBoundsTests : IAsyncLifetime
{
    // Past one chunk (8,192 copies), so that a refusal has rows on disk to take back.
    private const int CopiesPerStream = 20_000;
    private const int DuplicateCheckBytes = 256 * 1024; // 16,384 slots: 12,288 records
    private const int DuplicateCheckRecords = DuplicateCheckBytes / 16 / 4 * 3;

    private TestNetwork _network = null!;
    private CopyRegistration.CopyRegistrationClient _copies = null!;

    public async Task InitializeAsync()
    {
        _network = await TestNetwork.StartAsync(hitachiSettings: new Dictionary<string, string?>
        {
            ["Limits:CopiesPerBatchStream"] = CopiesPerStream.ToString(),
            ["Limits:ConcurrentBatchesPerCaller"] = "1",
            ["Limits:DuplicateCheckBytes"] = DuplicateCheckBytes.ToString(),
            ["Limits:AnswerBytes"] = "1024",
        });
        _copies = new CopyRegistration.CopyRegistrationClient(_network.HealthSystem(_network.Hitachi, Hitachinaka));
    }

    public async Task DisposeAsync() => await _network.DisposeAsync();

    private Copy Osteoporosis(int resident, string recordKey = "2025-57-1") => new()
    {
        InternalAddressNumber = _network.Population.InternalAddressNumberOf(resident, HitachinakaPrefix),
        InformationNameCode = TestNetwork.Osteoporosis,
        RecordKey = recordKey,
        Version = 1,
        ValidFrom = "2025-06-01",
        Items = { new ItemValue { ItemCode = "9N001000000000001", Value = "158.2" }, new ItemValue { ItemCode = "9N006000000000001", Value = "52.4" } },
    };

    [Fact(Timeout = 180_000)]
    public async Task A_stream_past_its_copies_is_refused_there_and_its_written_chunks_are_taken_back()
    {
        var before = await BatchTablesAsync();
        // Every message counts, rejected ones too: 10,000 records, then each of them again.
        var stream = Enumerable.Range(0, CopiesPerStream + 1).Select(i => Osteoporosis(i % 10_000));

        var refused = await RefusedAsync(_copies, "too-long", stream);

        Assert.Equal((StatusCode.ResourceExhausted, "BATCH_TOO_LARGE"), (refused.StatusCode, refused.Reason()));
        Assert.Equal(before, await BatchTablesAsync());
        var exact = await SendAsync(_copies, "long-enough", Enumerable.Range(0, CopiesPerStream).Select(i => Osteoporosis(i % 10_000)));
        Assert.Equal((CopiesPerStream, 10_000, 10_000), (exact.Received, exact.Stored, exact.Rejected));
    }

    [Fact(Timeout = 180_000)]
    public async Task A_stream_with_more_records_than_its_duplicate_check_holds_is_refused_and_leaves_nothing()
    {
        var before = await BatchTablesAsync();

        var refused = await RefusedAsync(_copies, "too-wide",
            Enumerable.Range(0, DuplicateCheckRecords + 1).Select(i => Osteoporosis(20_000 + i)));

        Assert.Equal((StatusCode.ResourceExhausted, "DUPLICATE_CHECK_FULL"), (refused.StatusCode, refused.Reason()));
        Assert.Equal(before, await BatchTablesAsync());
        // The same batch id starts afresh within the bound.
        var within = await SendAsync(_copies, "too-wide", Enumerable.Range(0, DuplicateCheckRecords).Select(i => Osteoporosis(20_000 + i)));
        Assert.Equal(DuplicateCheckRecords, within.Stored);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_caller_with_a_stream_open_is_refused_a_second_before_anything_of_it_is_read()
    {
        using var open = _copies.RegisterCopies();
        var batchesBefore = await RowsAsync("CopyBatches");
        await open.RequestStream.WriteAsync(new RegisterCopiesRequest { BatchId = "first-open", Copy = Osteoporosis(40_000) });
        // The first stream holds its slot once the gateway has begun its batch.
        for (var waited = 0; await RowsAsync("CopyBatches") == batchesBefore; waited++)
        {
            Assert.True(waited < 600, "The first stream's batch never began.");
            await Task.Delay(50);
        }
        var before = await BatchTablesAsync();

        var refused = await RefusedAsync(_copies, "second-open", [Osteoporosis(40_001)]);

        Assert.Equal((StatusCode.ResourceExhausted, "TOO_MANY_BATCHES"), (refused.StatusCode, refused.Reason()));
        Assert.Equal(before, await BatchTablesAsync());
        Assert.Equal(1, (await SendAsync(await OtherHealthSystemAsync(), "other-caller", [Osteoporosis(40_002)])).Stored);

        await open.RequestStream.CompleteAsync();
        Assert.Equal(1, (await open.ResponseAsync).Stored);
        Assert.Equal(1, (await SendAsync(_copies, "second-open", [Osteoporosis(40_001)])).Stored);
    }

    [Fact(Timeout = 120_000)]
    public async Task An_answer_over_the_cap_is_recorded_and_answered_as_not_provided_never_as_provided()
    {
        const int resident = 9;
        var person = _network.Population.InternalAddressNumberOf(resident, HitachinakaPrefix);
        var mitoPerson = _network.Population.InternalAddressNumberOf(resident, MitoPrefix);
        // Forty screenings of one person: about three kilobytes sealed, over the cap of one.
        await SendAsync(_copies, "many-screenings", Enumerable.Range(0, 40).Select(year => Osteoporosis(resident, $"{1990 + year}-57-1")));
        await _network.AcquireSymbolAsync(_network.Hitachi, Hitachinaka, person, resident);
        await _network.AcquireSymbolAsync(_network.MitoGateway, Mito, mitoPerson, resident);

        var answer = await new Inquiry.InquiryClient(_network.HealthSystem(_network.MitoGateway, Mito)).InquireAsync(new InquireRequest
        {
            AffairCode = Affair, ProcedureCode = Procedure, InformationNameCode = TestNetwork.Osteoporosis,
            InternalAddressNumber = mitoPerson, ProviderInstitutionCode = Hitachinaka,
        });

        Assert.Equal((Contracts.Network.V1.ProvisionOutcome.NotProvided, "ANSWER_TOO_LARGE", 0),
            (answer.Outcome, answer.NotProvidedReason, answer.Records.Count));
        var incoming = Assert.Single(await _network.RecordsAsync(_network.Hitachi), r => r.InquiryId == answer.InquiryId);
        Assert.Equal((Contracts.Network.V1.ProvisionOutcome.NotProvided, "ANSWER_TOO_LARGE"), (incoming.Outcome, incoming.Reason));
        var outgoing = Assert.Single(await _network.RecordsAsync(_network.MitoGateway), r => r.InquiryId == answer.InquiryId);
        Assert.Equal(Contracts.Network.V1.ProvisionOutcome.NotProvided, outgoing.Outcome);
    }

    /// <summary>A second health system registered at Hitachinaka: another caller with slots of its own.</summary>
    private async Task<CopyRegistration.CopyRegistrationClient> OtherHealthSystemAsync()
    {
        var peer = new PeerIdentity(Hitachinaka, Roles.HealthSystem, "health-second");
        await _network.Hitachi.Services.GetRequiredService<Domain.Staff.RegistryAdministration>().AddSystemAsync("health-second",
            "health-second", Roles.HealthSystem, _network.Presented("health-second", peer), CancellationToken.None);
        return new CopyRegistration.CopyRegistrationClient(_network.Channel(_network.Hitachi, "health-second", peer));
    }

    /// <summary>Sends until the gateway ends the call, and returns how it ended it.</summary>
    internal static async Task<RpcException> RefusedAsync(CopyRegistration.CopyRegistrationClient client, string batchId, IEnumerable<Copy> copies)
    {
        using var call = client.RegisterCopies();
        try
        {
            foreach (var copy in copies) await call.RequestStream.WriteAsync(new RegisterCopiesRequest { BatchId = batchId, Copy = copy });
            await call.RequestStream.CompleteAsync();
        }
        catch (RpcException)
        {
            // The gateway ended the call while this side was still writing: its status is the response's.
        }
        return await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);
    }

    private static async Task<RegisterCopiesResponse> SendAsync(CopyRegistration.CopyRegistrationClient client, string batchId, IEnumerable<Copy> copies)
    {
        using var call = client.RegisterCopies();
        foreach (var copy in copies) await call.RequestStream.WriteAsync(new RegisterCopiesRequest { BatchId = batchId, Copy = copy });
        await call.RequestStream.CompleteAsync();
        return await call.ResponseAsync;
    }

    private async Task<(long Copies, long Batches)> BatchTablesAsync() => (await RowsAsync("Copies"), await RowsAsync("CopyBatches"));

    private async Task<long> RowsAsync(string table)
    {
        await using var connection = _network.ConnectToHitachinaka();
        await using var count = connection.CreateCommand();
        count.CommandText = $"""SELECT COUNT(*) FROM "{table}" """;
        return Convert.ToInt64(await count.ExecuteScalarAsync());
    }
}
