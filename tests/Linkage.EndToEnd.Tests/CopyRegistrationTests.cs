using Linkage.Domain.Staff;
using Grpc.Core;
using Grpc.Net.Client;
using Linkage.Contracts.V1;
using Linkage.Domain.Codes;
using Linkage.Domain.Copies;
using Linkage.Domain.Copies.Batches;
using Linkage.Testing;
using Linkage.Transport;
using Microsoft.Extensions.DependencyInjection;
using static Linkage.Testing.TestNetwork;

namespace Linkage.EndToEnd.Tests;

/// <summary>Copy registration over the wire: bulk streams, rejections, resends, corrections, deletions, size limits.</summary>
public sealed class CopyRegistrationTests : IAsyncLifetime
{
    private TestNetwork _network = null!;
    private CopyRegistration.CopyRegistrationClient _copies = null!;

    public async Task InitializeAsync()
    {
        _network = await TestNetwork.StartAsync();
        _copies = new CopyRegistration.CopyRegistrationClient(_network.HealthSystem(_network.Hitachi, Hitachinaka));
    }

    public async Task DisposeAsync() => await _network.DisposeAsync();

    private string Person(int resident) => _network.Population.InternalAddressNumberOf(resident, HitachinakaPrefix);

    private Copy Osteoporosis(int resident, int version = 1, string height = "158.2") => new()
    {
        InternalAddressNumber = Person(resident),
        InformationNameCode = TestNetwork.Osteoporosis,
        RecordKey = "2025-57-1",
        Version = version,
        ValidFrom = "2025-06-01",
        Items = { new ItemValue { ItemCode = "9N001000000000001", Value = height }, new ItemValue { ItemCode = "9Z507000000000011", Value = "1" } },
    };

    private static async Task<RegisterCopiesResponse> SendAsync(CopyRegistration.CopyRegistrationClient client, string batchId, IEnumerable<Copy> copies)
    {
        using var call = client.RegisterCopies();
        foreach (var copy in copies) await call.RequestStream.WriteAsync(new RegisterCopiesRequest { BatchId = batchId, Copy = copy });
        await call.RequestStream.CompleteAsync();
        return await call.ResponseAsync;
    }

    private Task<GetCopyResponse> GetAsync(int resident, string name = TestNetwork.Osteoporosis, string key = "2025-57-1") =>
        _copies.GetCopyAsync(new GetCopyRequest { InternalAddressNumber = Person(resident), InformationNameCode = name, RecordKey = key }).ResponseAsync;

    [Fact(Timeout = 120_000)]
    public async Task A_bulk_stream_stores_good_copies_and_rejects_bad_ones_by_position_and_field()
    {
        var copies = Enumerable.Range(0, 150).Select(r => Osteoporosis(r)).ToList();
        copies[3].Items[0].ItemCode = "9P500000000000011";                      // lung cancer item under osteoporosis
        copies[5].Items[1].Value = "7";                                          // not in the code system
        copies[7].Items[0].Value = "tall";                                       // not a number
        copies[9].Items[0].Value = "1580.25";                                    // over 5 bytes
        copies[11].RecordKey = "";                                               // missing key
        copies[13].InternalAddressNumber = "8221-7";                             // not 15 digits
        copies[15].InformationNameCode = "TM00000000099999";                     // unknown information name
        copies.Add(Osteoporosis(20));                                            // position 150: duplicate of position 20

        var result = await SendAsync(_copies, "batch-mixed", copies);

        Assert.Equal((151, 143, 8), (result.Received, result.Stored, result.Rejected));
        Assert.Equal(
            new (int, string, string)[]
            {
                (3, "items[0].item_code", "UNKNOWN_ITEM"), (5, "items[1].value", "VALUE_NOT_IN_CODE_SYSTEM"),
                (7, "items[0].value", "VALUE_WRONG_TYPE"), (9, "items[0].value", "VALUE_TOO_LONG"),
                (11, "record_key", "MISSING_FIELD"), (13, "internal_address_number", "MALFORMED_CODE"),
                (15, "information_name_code", "UNKNOWN_INFORMATION_NAME"), (150, "record_key", "DUPLICATE_RECORD"),
            },
            result.Rejections.Select(r => (r.Position, r.Field, r.Reason)));
        Assert.Equal("2025-57-1", result.Rejections[0].RecordKey);
        Assert.Equal("158.2", (await GetAsync(0)).Copy.Items[0].Value);
        await Assert.ThrowsAsync<RpcException>(() => GetAsync(3));

        foreach (var host in _network.Hosts)
            Assert.DoesNotContain(Person(0), host.Logs.AllText());
    }

    [Fact(Timeout = 120_000)]
    public async Task A_resent_batch_stores_nothing_twice()
    {
        var copies = Enumerable.Range(0, 40).Select(r => Osteoporosis(r)).ToList();
        var first = await SendAsync(_copies, "batch-resent", copies);
        var again = await SendAsync(_copies, "batch-resent", copies);

        Assert.Equal((40, false), (first.Stored, first.AlreadyProcessed));
        Assert.Equal((40, 40, true), (again.Received, again.Stored, again.AlreadyProcessed));
        var stats = await new Administration.AdministrationClient(_network.Staff(_network.Hitachi, Roles.Administrator))
            .GetStatisticsAsync(new GetStatisticsRequest());
        Assert.Equal(40, stats.CurrentCopies);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_resumed_batch_keeps_the_rows_of_its_earlier_attempt_and_rejects_records_held_by_another()
    {
        // Residents 60-63 belong to another batch; 64-69 were written by an attempt of this batch that never completed.
        await SendAsync(_copies, "batch-other", Enumerable.Range(60, 4).Select(r => Osteoporosis(r)));
        var batches = _network.Hitachi.Services.GetRequiredService<ICopyBatchStore>();
        var start = await batches.BeginAsync("batch-resumed", CancellationToken.None);
        await batches.WriteAsync(start.BatchNumber, Enumerable.Range(64, 6).Select(r => new ProvisionCopy(InternalAddressNumber.Parse(Person(r)),
            InformationNameCode.Parse(TestNetwork.Osteoporosis), "2025-57-1", 1, new DateOnly(2025, 6, 1), null,
            [new ItemEntry("9N001000000000001", "158.2")])).ToList(), CancellationToken.None);

        // 40 copies: a full statement of first registrations and some single ones, with refusals in the full one.
        var resent = await SendAsync(_copies, "batch-resumed", Enumerable.Range(56, 40).Select(r => Osteoporosis(r)));

        Assert.Equal((40, 36, 4), (resent.Received, resent.Stored, resent.Rejected));
        Assert.Equal([4, 5, 6, 7], resent.Rejections.Select(r => r.Position));
        Assert.All(resent.Rejections, r => Assert.Equal(("version", "VERSION_CONFLICT"), (r.Field, r.Reason)));
        Assert.Equal("158.2", (await GetAsync(66)).Copy.Items[0].Value);
        var stats = await new Administration.AdministrationClient(_network.Staff(_network.Hitachi, Roles.Administrator))
            .GetStatisticsAsync(new GetStatisticsRequest());
        Assert.Equal(40, stats.CurrentCopies);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_batch_with_a_correction_leaves_one_current_version_of_each_record()
    {
        await SendAsync(_copies, "batch-first", [Osteoporosis(70), Osteoporosis(71)]);
        var fix = await SendAsync(_copies, "batch-fix", [Osteoporosis(72), Osteoporosis(70, 2, "160.0")]);

        Assert.Equal((2, 0), (fix.Stored, fix.Rejected));
        var stats = await new Administration.AdministrationClient(_network.Staff(_network.Hitachi, Roles.Administrator))
            .GetStatisticsAsync(new GetStatisticsRequest());
        Assert.Equal(3, stats.CurrentCopies);
    }

    [Fact(Timeout = 120_000)]
    public async Task Corrections_make_new_versions_and_deletions_leave_a_tombstone()
    {
        await SendAsync(_copies, "batch-v1", [Osteoporosis(1), Osteoporosis(2)]);
        var corrected = await SendAsync(_copies, "batch-v2", [Osteoporosis(1, 2, "160.0"), Osteoporosis(2, 3)]);
        Assert.Equal((1, "version", "VERSION_CONFLICT"), (corrected.Stored, corrected.Rejections[0].Field, corrected.Rejections[0].Reason));
        var current = await GetAsync(1);
        Assert.Equal((2, "160.0", false), (current.Copy.Version, current.Copy.Items[0].Value, current.Deleted));

        await _copies.RegisterCopyAsync(new RegisterCopyRequest { Copy = Osteoporosis(1, 3, "161.0") });
        var deleted = await _copies.DeleteCopyAsync(new DeleteCopyRequest
        { InternalAddressNumber = Person(1), InformationNameCode = TestNetwork.Osteoporosis, RecordKey = "2025-57-1" });
        Assert.Equal(4, deleted.Version);
        var tombstone = await GetAsync(1);
        Assert.True(tombstone.Deleted);
        Assert.Equal(4, tombstone.Copy.Version);

        var missing = await Assert.ThrowsAsync<RpcException>(() => _copies.DeleteCopyAsync(new DeleteCopyRequest
        { InternalAddressNumber = Person(9), InformationNameCode = TestNetwork.Osteoporosis, RecordKey = "2025-57-1" }).ResponseAsync);
        Assert.Equal((StatusCode.NotFound, "COPY_NOT_FOUND"), (missing.StatusCode, missing.Reason()));
    }

    [Fact(Timeout = 120_000)]
    public async Task A_stream_that_breaks_stores_nothing_and_its_resend_completes_it()
    {
        var channel = GrpcChannel.ForAddress(_network.Hitachi.Address, new GrpcChannelOptions
        {
            HttpHandler = MutualTlsChannel.CreateHandler(_network.Pki.Material($"{Roles.HealthSystem}-{Hitachinaka}",
                new PeerIdentity(Hitachinaka, Roles.HealthSystem, "health-management"))),
            MaxSendMessageSize = 16 * 1024 * 1024, // let the client send what the gateway must refuse
        });
        var client = new CopyRegistration.CopyRegistrationClient(channel);
        var huge = Osteoporosis(31);
        huge.Items[0].Value = new string('9', MutualTlsChannel.MaxMessageBytes + 1);

        var error = await Assert.ThrowsAsync<RpcException>(() => SendAsync(client, "batch-broken", [Osteoporosis(30), huge]));
        // The gateway ends the call with RESOURCE_EXHAUSTED; a client still writing may only see its stream cancelled.
        Assert.Contains(error.StatusCode, new[] { StatusCode.ResourceExhausted, StatusCode.Cancelled });
        var none = await Assert.ThrowsAsync<RpcException>(() => GetAsync(30));
        Assert.Equal(StatusCode.NotFound, none.StatusCode);

        var resent = await SendAsync(_copies, "batch-broken", [Osteoporosis(30), Osteoporosis(31)]);
        Assert.Equal((2, 2, false), (resent.Received, resent.Stored, resent.AlreadyProcessed));
        Assert.Equal(1, (await GetAsync(30)).Copy.Version);
        channel.Dispose();
    }

    [Fact(Timeout = 120_000)]
    public async Task A_stream_mixing_batch_ids_or_without_one_is_refused_and_stores_nothing()
    {
        var mixed = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            using var call = _copies.RegisterCopies();
            await call.RequestStream.WriteAsync(new RegisterCopiesRequest { BatchId = "batch-a", Copy = Osteoporosis(40) });
            await call.RequestStream.WriteAsync(new RegisterCopiesRequest { BatchId = "batch-b", Copy = Osteoporosis(41) });
            await call.RequestStream.CompleteAsync();
            await call.ResponseAsync;
        });
        Assert.Equal((StatusCode.InvalidArgument, "batch_id"), (mixed.StatusCode, mixed.FieldViolations()[0].Field));
        Assert.Equal(StatusCode.NotFound, (await Assert.ThrowsAsync<RpcException>(() => GetAsync(40))).StatusCode);

        var unnamed = await Assert.ThrowsAsync<RpcException>(() => SendAsync(_copies, "", [Osteoporosis(42)]));
        Assert.Equal((StatusCode.InvalidArgument, "MISSING_FIELD"), (unnamed.StatusCode, unnamed.Reason()));
    }

    [Fact(Timeout = 120_000)]
    public async Task An_abandoned_batch_is_discarded_and_stops_blocking_its_records()
    {
        var batches = _network.Hitachi.Services.GetRequiredService<ICopyBatchStore>();
        var start = await batches.BeginAsync("batch-abandoned", CancellationToken.None);
        var copy = new ProvisionCopy(InternalAddressNumber.Parse(Person(50)), InformationNameCode.Parse(TestNetwork.Osteoporosis), "2025-57-1", 1,
            new DateOnly(2025, 6, 1), null, [new ItemEntry("9N001000000000001", "158.2")]);
        await batches.WriteAsync(start.BatchNumber, [copy], CancellationToken.None); // a chunk written, the stream never finished

        var blocked = await Assert.ThrowsAsync<RpcException>(() => _copies.RegisterCopyAsync(new RegisterCopyRequest { Copy = Osteoporosis(50) }).ResponseAsync);
        Assert.Equal("VERSION_CONFLICT", blocked.Reason());

        Assert.Equal(0, await batches.DiscardAbandonedAsync(DateTimeOffset.UtcNow.AddMinutes(-1), CancellationToken.None));
        Assert.Equal(1, await batches.DiscardAbandonedAsync(DateTimeOffset.UtcNow.AddMinutes(1), CancellationToken.None));

        Assert.Equal(1, (await _copies.RegisterCopyAsync(new RegisterCopyRequest { Copy = Osteoporosis(50) })).Version);
        Assert.Equal(1, (await GetAsync(50)).Copy.Version);
    }
}
