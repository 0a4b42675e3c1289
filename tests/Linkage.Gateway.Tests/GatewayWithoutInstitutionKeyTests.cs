using Grpc.Core;
using Linkage.Contracts.V1;
using Linkage.Domain.Errors;
using Linkage.Domain.Staff;
using Linkage.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Serilog.Events;
using AdministrationContract = Linkage.Contracts.V1.Administration;
using RecordsContract = Linkage.Contracts.V1.Records;
using ReviewContract = Linkage.Contracts.V1.Review;
using TicketsContract = Linkage.Contracts.V1.Tickets;

namespace Linkage.Gateway.Tests;

/// <summary>
/// A gateway started on its institution's database without the institution's key-encryption key: it says so once,
/// refuses every call that would open or seal data at rest (copies, tickets) with FAILED_PRECONDITION and
/// INSTITUTION_KEY_UNAVAILABLE and writes nothing for them, and still serves records, verification, review lists,
/// statistics and the registry.
/// </summary>
public sealed class GatewayWithoutInstitutionKeyTests : IAsyncLifetime
{
    private const string Person = "082210000000042";
    private readonly string _folder = Directory.CreateTempSubdirectory("linkage-keyless-").FullName;
    private GatewayOnTestServer _gateway = null!;
    private Counts _before = null!;

    private string Database => Path.Combine(_folder, "gateway.db");

    public async Task InitializeAsync()
    {
        var kek = new TestKeyEncryptionKey(Path.Combine(_folder, "keys"), GatewayOnTestServer.Institution);
        await using (var withKey = await StartAsync(kek.FilePath))
        {
            await Copies(withKey).RegisterCopyAsync(new RegisterCopyRequest { Copy = NetworkScenarios.OsteoporosisCopy(Person) });
            await Tickets(withKey).RegisterTicketAsync(Ticket());
        }
        _before = await CountAsync();
        _gateway = await StartAsync(keyFile: "");
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void The_start_says_once_which_institution_has_no_key()
    {
        var warnings = _gateway.Logs.Events
            .Where(e => e.Level == LogEventLevel.Warning && e.RenderMessage().Contains("no key-encryption key")).ToList();
        Assert.Contains(GatewayOnTestServer.Institution, Assert.Single(warnings).RenderMessage());
    }

    [Fact(Timeout = 60_000)]
    public async Task Copies_are_refused_as_key_unavailable_and_nothing_is_written()
    {
        var copies = Copies(_gateway);
        var key = new GetCopyRequest { InternalAddressNumber = Person, InformationNameCode = TestNetwork.Osteoporosis, RecordKey = "2025-57-1" };
        var next = NetworkScenarios.OsteoporosisCopy(Person);
        next.Version = 2;

        await AssertUnavailableAsync(() => copies.GetCopyAsync(key).ResponseAsync);
        await AssertUnavailableAsync(() => copies.RegisterCopyAsync(new RegisterCopyRequest { Copy = next }).ResponseAsync);
        await AssertUnavailableAsync(() => copies.DeleteCopyAsync(new DeleteCopyRequest
            { InternalAddressNumber = Person, InformationNameCode = TestNetwork.Osteoporosis, RecordKey = "2025-57-1" }).ResponseAsync);
        await AssertUnavailableAsync(async () =>
        {
            using var call = copies.RegisterCopies();
            await call.RequestStream.WriteAsync(new RegisterCopiesRequest { BatchId = "keyless", Copy = NetworkScenarios.OsteoporosisCopy("082210000000043") });
            await call.RequestStream.CompleteAsync();
            return await call.ResponseAsync;
        });

        Assert.Equal(_before, await CountAsync());
    }

    [Fact(Timeout = 60_000)]
    public async Task Tickets_are_refused_as_key_unavailable_and_nothing_is_written()
    {
        var tickets = Tickets(_gateway);
        await AssertUnavailableAsync(() => tickets.ListTicketsAsync(new ListTicketsRequest()).ResponseAsync);
        await AssertUnavailableAsync(() => tickets.RegisterTicketAsync(Ticket()).ResponseAsync);
        Assert.Equal(_before, await CountAsync());
    }

    [Fact(Timeout = 60_000)]
    public async Task Records_verification_review_statistics_and_the_registry_are_served()
    {
        var records = new RecordsContract.RecordsClient(_gateway.Channel(Roles.Auditor));
        await records.ListRecordsAsync(new ListRecordsRequest());
        Assert.True((await records.VerifyAsync(new VerifyRequest())).Intact);

        await new ReviewContract.ReviewClient(_gateway.Channel(Roles.Reviewer)).ListHeldAsync(new ListHeldRequest());

        var administration = new AdministrationContract.AdministrationClient(_gateway.Channel(Roles.Administrator));
        var statistics = await administration.GetStatisticsAsync(new GetStatisticsRequest());
        Assert.Equal(1, statistics.CurrentCopies);
        Assert.NotEmpty((await administration.ListStaffAsync(new ListStaffRequest())).Staff);
    }

    private static async Task AssertUnavailableAsync<T>(Func<Task<T>> call)
    {
        var error = await Assert.ThrowsAsync<RpcException>(call);
        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Equal(ErrorReasons.InstitutionKeyUnavailable, error.Reason());
        Assert.Contains(GatewayOnTestServer.Institution, error.Status.Detail);
    }

    private Task<GatewayOnTestServer> StartAsync(string keyFile) => GatewayOnTestServer.StartAsync(new Dictionary<string, string?>
    {
        ["InstitutionKeys:KeyFile"] = keyFile,
    }.With(TestStorage.GatewaySettings(Database, GatewayOnTestServer.Institution)));

    private static CopyRegistration.CopyRegistrationClient Copies(GatewayOnTestServer gateway) => new(gateway.Channel(Roles.HealthSystem));

    private static TicketsContract.TicketsClient Tickets(GatewayOnTestServer gateway) => new(gateway.Channel(Roles.Reviewer));

    private static RegisterTicketRequest Ticket() => new()
    {
        Kind = TicketKind.Disclosure,
        Channel = TicketChannel.Counter,
        InternalAddressNumber = Person,
        RequestText = "提供記録の開示を求める",
    };

    private sealed record Counts(int Copies, int Batches, int Tickets, int DataKeys);

    private async Task<Counts> CountAsync()
    {
        await using var db = TestStorage.Context(Database, GatewayOnTestServer.Institution);
        return new Counts(await db.Copies.CountAsync(), await db.CopyBatches.CountAsync(), await db.Tickets.CountAsync(), await db.DataKeys.CountAsync());
    }
}
