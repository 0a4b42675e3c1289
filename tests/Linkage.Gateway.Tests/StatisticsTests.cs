using Grpc.Core;
using Linkage.Contracts.V1;
using Linkage.Domain.Records;
using Linkage.Domain.Staff;
using Linkage.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static Linkage.Testing.TestNetwork;
using AdministrationClient = Linkage.Contracts.V1.Administration.AdministrationClient;
using DomainOutcome = Linkage.Domain.Answers.ProvisionOutcome;
using ProvisionOutcome = Linkage.Contracts.Network.V1.ProvisionOutcome;
using RecordDirection = Linkage.Domain.Records.RecordDirection;
using WireDirection = Linkage.Contracts.V1.RecordDirection;

namespace Linkage.Gateway.Tests;

/// <summary>
/// GetStatistics over gRPC with the gateway's clock at noon in Japan on 2026-11-28: the last 30 days by default, a
/// chosen period, the figures of the moment, and an inverted or too long period refused with its reason.
/// </summary>
public sealed class StatisticsTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 3, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _clock = new(Now);
    private GatewayOnTestServer _gateway = null!;
    private AdministrationClient _admin = null!;

    public async Task InitializeAsync()
    {
        _gateway = await GatewayOnTestServer.StartAsync(services: services => services.AddSingleton<TimeProvider>(_clock));
        _admin = new AdministrationClient(_gateway.Channel(Roles.Administrator));
        var writer = _gateway.Services.GetRequiredService<IRecordWriter>();
        foreach (var (at, outcome, inquirer) in new[]
        {
            (new DateTimeOffset(2026, 10, 29, 12, 0, 0, TimeSpan.Zero), DomainOutcome.Provided, Mito),     // 10-29 in Japan
            (new DateTimeOffset(2026, 11, 26, 15, 0, 0, TimeSpan.Zero), DomainOutcome.Provided, Mito),     // 11-27 00:00 in Japan
            (new DateTimeOffset(2026, 11, 27, 1, 0, 0, TimeSpan.Zero), DomainOutcome.Provided, Mito),
            (new DateTimeOffset(2026, 11, 28, 2, 0, 0, TimeSpan.Zero), DomainOutcome.Held, Tsukuba),
        })
            await writer.AppendAsync(new ProvisionRecordEntry(at, RecordDirection.Incoming, Guid.NewGuid().ToString("N"),
                Guid.NewGuid().ToString("N"), inquirer, Hitachinaka, Affair, Procedure, Osteoporosis, LegalBasis, outcome, "", null),
                null, CancellationToken.None);
    }

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact(Timeout = 60_000)]
    public async Task By_default_the_last_30_days_are_counted_per_day_with_the_figures_of_the_moment()
    {
        var statistics = await _admin.GetStatisticsAsync(new GetStatisticsRequest());

        Assert.Equal(("2026-10-30", "2026-11-28"), (statistics.FromDate, statistics.ToDate));
        Assert.Equal(
        [
            ("2026-11-27", WireDirection.Incoming, ProvisionOutcome.Provided, Mito, Osteoporosis, 2L),
            ("2026-11-28", WireDirection.Incoming, ProvisionOutcome.Held, Tsukuba, Osteoporosis, 1L),
        ], statistics.Exchanges.Select(e => (e.Day, e.Direction, e.Outcome, e.InquirerInstitutionCode, e.InformationNameCode, e.Count)));
        Assert.Equal(4, statistics.Records);
        Assert.Equal((0, 0, 0), (statistics.Held.Waiting, statistics.Held.Escalated, statistics.Held.Overdue));
        Assert.Empty(statistics.CopiesByInformationName);
        Assert.Equal((Hitachinaka, 0L), (statistics.InstitutionCode, statistics.Symbols));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_chosen_period_counts_its_own_days_and_is_in_the_operation_log()
    {
        var statistics = await _admin.GetStatisticsAsync(new GetStatisticsRequest { FromDate = "2026-10-01", ToDate = "2026-11-27" });

        Assert.Equal([("2026-10-29", 1L), ("2026-11-27", 2L)], statistics.Exchanges.Select(e => (e.Day, e.Count)));
        var logged = await _gateway.Services.GetRequiredService<IOperationLogReader>().ListAsync(
            new OperationFilter(null, null, null, "/linkage.v1.Administration/GetStatistics"), null, 10, CancellationToken.None);
        Assert.Equal("period:2026-10-01..2026-11-27", Assert.Single(logged).Entry.Target);
    }

    [Theory]
    [InlineData("2026-11-28", "2026-11-27", "to_date", "PERIOD_INVERTED")]
    [InlineData("2025-01-01", "2026-11-27", "from_date", "PERIOD_TOO_LONG")]
    [InlineData("2026-02-30", "", "from_date", "VALUE_WRONG_TYPE")]
    public async Task A_period_that_cannot_be_counted_is_refused_with_its_reason(string from, string to, string field, string reason)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            _admin.GetStatisticsAsync(new GetStatisticsRequest { FromDate = from, ToDate = to }).ResponseAsync);

        Assert.Equal((StatusCode.InvalidArgument, reason), (error.StatusCode, error.Reason()));
        Assert.Equal(field, Assert.Single(error.FieldViolations()).Field);
    }
}
