using Linkage.Domain.Answers;
using Linkage.Domain.Chains;
using Linkage.Domain.Codes;
using Linkage.Domain.Errors;
using Linkage.Domain.Permits;
using Linkage.Domain.Records;
using Linkage.Domain.Records.Disclosure;
using Linkage.Domain.Staff;
using Microsoft.Extensions.Time.Testing;

namespace Linkage.Domain.Tests;

/// <summary>
/// Disclosure asks for the days of the period in Japan (midnight JST to midnight JST), leaves marked records out for
/// staff and shows them to auditors; a mark needs a record, a sequence and a reason.
/// </summary>
public sealed class RecordDisclosureTests
{
    private readonly FakeRecordReader _records = new();
    private readonly FakeMarks _marks = new();
    private readonly RecordDisclosure _disclosure;

    private readonly FakeTimeProvider _clock = new(Seed.Now);

    public RecordDisclosureTests()
    {
        var list = Seed.List();
        var named = new PermittedList(list.Version, list.IssuedAt, list.Entries, new Dictionary<string, IReadOnlySet<string>>(),
            new HashSet<long>(), new NetworkDirectory(new Dictionary<string, string> { [Seed.Mito] = "水戸市長" }));
        _disclosure = new RecordDisclosure(_records, _marks, new FakeListSource(named), _clock);
    }

    private static Caller Staff(string role) => new(CallerKind.Staff, "staff-1", Seed.Hitachinaka, new HashSet<string> { role }, new HashSet<string>(), "AA", "session");

    [Fact]
    public async Task A_period_is_its_days_in_Japan_and_without_one_everything_up_to_today()
    {
        await _disclosure.DiscloseAsync(Staff(Roles.Reviewer), Seed.PersonNumber, "", "2025-04-01", "2025-04-30", CancellationToken.None);
        var period = _records.LastPeriod;
        await _disclosure.DiscloseAsync(Staff(Roles.Reviewer), Seed.PersonNumber, "", "", "", CancellationToken.None);

        Assert.Equal((DateTimeOffset.Parse("2025-03-31T15:00:00Z"), DateTimeOffset.Parse("2025-04-30T15:00:00Z")), period);
        Assert.Equal((null, JapanDate.StartOf(JapanDate.Of(Seed.Now).AddDays(1))), _records.LastPeriod);
    }

    [Fact]
    public async Task A_period_of_one_day_and_one_up_to_the_last_day_there_is_are_taken()
    {
        await _disclosure.DiscloseAsync(Staff(Roles.Reviewer), Seed.PersonNumber, "", "2025-04-01", "2025-04-01", CancellationToken.None);
        var oneDay = _records.LastPeriod;
        await _disclosure.DiscloseAsync(Staff(Roles.Reviewer), Seed.PersonNumber, "", "2025-04-01", "9999-12-31", CancellationToken.None);

        Assert.Equal((DateTimeOffset.Parse("2025-03-31T15:00:00Z"), DateTimeOffset.Parse("2025-04-01T15:00:00Z")), oneDay);
        Assert.Null(_records.LastPeriod.Before);
    }

    [Fact]
    public async Task Exchanges_name_the_other_institution_from_the_directory_or_by_its_code_and_the_information_by_name_or_code()
    {
        _records.Found =
        [
            Link(1),
            Link(2) with { Entry = Link(2).Entry with { Direction = RecordDirection.Outgoing, InquirerInstitution = Seed.Hitachinaka,
                ProviderInstitution = "1000082201000000", InformationName = "TM00000000099999" } },
        ];

        var disclosed = await _disclosure.DiscloseAsync(Staff(Roles.Reviewer), Seed.PersonNumber, "", "", "", CancellationToken.None);

        Assert.Equal("水戸市長からの照会を受け、あなたの骨粗鬆症検診情報について回答しました。", disclosed[0].Summary);
        Assert.Equal(("1000082201000000", "", ""), (disclosed[1].OtherInstitutionCode, disclosed[1].OtherInstitutionName, disclosed[1].InformationName));
        Assert.Equal("1000082201000000に、あなたのTM00000000099999を照会しました。", disclosed[1].Summary);
    }

    [Theory]
    [InlineData("2025-04-02", "2025-04-01", "to_date", ErrorReasons.PeriodInverted)]
    [InlineData("2025/04/01", "", "from_date", ErrorReasons.ValueWrongType)]
    [InlineData("", "April", "to_date", ErrorReasons.ValueWrongType)]
    public async Task A_bad_period_is_refused_with_its_field(string from, string to, string field, string reason)
    {
        var error = await Assert.ThrowsAsync<DomainException>(() =>
            _disclosure.DiscloseAsync(Staff(Roles.Reviewer), Seed.PersonNumber, "", from, to, CancellationToken.None));

        Assert.Equal((reason, field), (error.Reason, Assert.Single(error.Violations).Field));
        Assert.Null(_records.LastPeriod.From);
    }

    [Fact]
    public async Task A_marked_record_is_left_out_for_staff_and_shown_with_its_mark_to_auditors()
    {
        // Record 2 of node-2 is marked; record 2 of node-1 is another record, and is not.
        _records.Found = [Link(1), Link(2), Link(2, "node-2")];
        _marks.Marks[new("node-2", 2)] = new NonDisclosureMark(new("node-2", 2), "支援措置", "staff-9", Seed.Now);

        var forStaff = await _disclosure.DiscloseAsync(Staff(Roles.Administrator), Seed.PersonNumber, "", "", "", CancellationToken.None);
        var forAuditor = await _disclosure.DiscloseAsync(Staff(Roles.Auditor), Seed.PersonNumber, "", "", "", CancellationToken.None);

        Assert.Equal([new("node-1", 1L), new ChainPosition("node-1", 2)], forStaff.Select(e => e.Record));
        Assert.Equal([(1L, null), (2L, null), (2L, "支援措置")], forAuditor.Select(e => (e.Record.Sequence, e.NonDisclosureReason)));
        Assert.Equal((Seed.Mito, "骨粗鬆症検診情報"), (forStaff[0].OtherInstitutionCode, forStaff[0].InformationName));
    }

    [Theory]
    [InlineData("node-1", 0, "x", ErrorReasons.InvalidArgument)]
    [InlineData("node-1", 1, " ", ErrorReasons.MissingField)]
    [InlineData("node-1", 99, "x", ErrorReasons.RecordNotFound)]
    [InlineData("node-2", 1, "x", ErrorReasons.RecordNotFound)]
    [InlineData("node-1", 1, "501", ErrorReasons.MissingField)]
    [InlineData("", 1, "x", ErrorReasons.MissingField)]
    [InlineData("Node_1", 1, "x", ErrorReasons.InvalidArgument)]
    public async Task A_mark_needs_a_node_a_record_of_it_and_a_reason(string node, long sequence, string reason, string refused)
    {
        _marks.Existing.Add(new("node-1", 1));
        var text = reason == "501" ? new string('x', 501) : reason;
        var error = await Assert.ThrowsAsync<DomainException>(() =>
            _disclosure.MarkAsync(Staff(Roles.Administrator), node, sequence, text, CancellationToken.None));

        Assert.Equal(refused, error.Reason);
        Assert.Empty(_marks.Marks);
    }

    [Fact]
    public async Task A_mark_keeps_the_trimmed_reason_and_who_marked()
    {
        _marks.Existing.Add(new("node-1", 7));
        _marks.Existing.Add(new("node-2", 8));
        _clock.Advance(TimeSpan.FromTicks(5_678)); // 0.57 ms: the mark keeps whole milliseconds, as stored
        var mark = await _disclosure.MarkAsync(Staff(Roles.Administrator), "node-1", 7, "  裁判所の命令 ", CancellationToken.None);
        var longest = await _disclosure.MarkAsync(Staff(Roles.Administrator), "node-2", 8, new string('x', 500), CancellationToken.None);

        Assert.Equal((new ChainPosition("node-1", 7), "裁判所の命令", "staff-1", Seed.Now), (mark.Record, mark.Reason, mark.MarkedBy, mark.MarkedAt));
        Assert.Equal((new ChainPosition("node-2", 8), 500), (longest.Record, longest.Reason.Length));
        Assert.Same(mark, _marks.Marks[new("node-1", 7)]);
    }

    private static ChainLink<ProvisionRecordEntry> Link(long sequence, string node = "node-1") => new(sequence, new ProvisionRecordEntry(Seed.Now,
        RecordDirection.Incoming, $"i{sequence}", $"p{sequence}", Seed.Mito, Seed.Hitachinaka, Seed.Affair, Seed.Procedure, Seed.Osteoporosis,
        Seed.ListLegalBasis, ProvisionOutcome.Provided, "", Seed.Person), [], []) { Node = node };

    private sealed class FakeRecordReader : IRecordReader
    {
        public IReadOnlyList<ChainLink<ProvisionRecordEntry>> Found { get; set; } = [];
        public (DateTimeOffset? From, DateTimeOffset? Before) LastPeriod { get; private set; }

        public Task<IReadOnlyList<ChainLink<ProvisionRecordEntry>>> ListForPersonAsync(InternalAddressNumber person,
            IReadOnlyCollection<string> informationNames, CancellationToken ct, DateTimeOffset? from = null, DateTimeOffset? before = null)
        {
            LastPeriod = (from, before);
            return Task.FromResult(Found);
        }

        public Task<IReadOnlyList<ChainLink<ProvisionRecordEntry>>> ListAsync(ChainPosition? after, int pageSize,
            IReadOnlyCollection<string> informationNames, CancellationToken ct) => throw new NotSupportedException();

        public IAsyncEnumerable<ChainLink<ProvisionRecordEntry>> ReadAllAsync(string node, CancellationToken ct) => throw new NotSupportedException();

        public Task<long> CountAsync(CancellationToken ct) => throw new NotSupportedException();
    }

    private sealed class FakeMarks : INonDisclosureMarks
    {
        public HashSet<ChainPosition> Existing { get; } = [];
        public Dictionary<ChainPosition, NonDisclosureMark> Marks { get; } = [];

        public Task<bool> MarkAsync(NonDisclosureMark mark, CancellationToken ct)
        {
            if (!Existing.Contains(mark.Record)) return Task.FromResult(false);
            Marks[mark.Record] = mark;
            return Task.FromResult(true);
        }

        public Task<IReadOnlyDictionary<ChainPosition, NonDisclosureMark>> MarksOfAsync(IReadOnlyCollection<ChainPosition> records, CancellationToken ct) =>
            Task.FromResult<IReadOnlyDictionary<ChainPosition, NonDisclosureMark>>(Marks.Where(m => records.Contains(m.Key)).ToDictionary());
    }
}
