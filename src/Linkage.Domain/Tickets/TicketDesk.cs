using System.Security.Cryptography;
using Linkage.Domain.Codes;
using Linkage.Domain.Errors;

namespace Linkage.Domain.Tickets;

/// <summary>
/// Staff register a person's request or enquiry on receipt, add each handling step, and close it with its outcome;
/// every rule on what a ticket may hold is checked here, before anything is written, so a refused call changes nothing.
/// </summary>
public sealed class TicketDesk(ITicketStore store, TicketSettings settings, TimeProvider clock)
{
    public const int MaxPageSize = 1000;
    public const int DefaultPageSize = 100;
    public const int MaxTextLength = 2000;
    public const int MaxNameLength = 100;

    /// <summary>Ids are 15 characters; a longer one is not looked up (a megabyte of id costs the store nothing).</summary>
    internal const int MaxIdLength = 64;

    /// <summary>What staff write on the receipt; empty strings stand for "not given", as on the wire.</summary>
    public sealed record Draft(TicketKind Kind, TicketChannel Channel, TicketRequester Requester, string Person, string RequestText,
        DateTimeOffset? ReceivedAt);

    /// <summary>A step as staff describe it; a known <see cref="Outcome"/> makes it the closing step.</summary>
    public sealed record StepDraft(string Action, string Result, TicketOutcome Outcome, DateTimeOffset? At);

    public async Task<TicketDetail> RegisterAsync(Draft draft, string staffId, CancellationToken ct)
    {
        var now = Millis(clock.GetUtcNow());
        var ticket = Validate(draft, staffId, now);
        ct.ThrowIfCancellationRequested();
        await store.InsertAsync(ticket, ct);
        return new TicketDetail(ticket, [], JapanDate.Of(now));
    }

    public async Task<TicketDetail> AddStepAsync(string ticketId, StepDraft draft, string staffId, CancellationToken ct)
    {
        var now = Millis(clock.GetUtcNow());
        var ticket = await FindAsync(ticketId, ct);
        if (ticket.ClosedAt is not null) throw Closed();
        var step = Validate(ticket, draft, staffId, now);
        if (await store.AppendStepAsync(ticket.TicketId, step, ct) is null) throw Closed(); // a closing step won the race
        return await GetAsync(ticketId, ct);
    }

    public async Task<TicketDetail> GetAsync(string ticketId, CancellationToken ct)
    {
        var ticket = await FindAsync(ticketId, ct);
        return new TicketDetail(ticket, await store.StepsAsync(ticket.TicketId, ct), JapanDate.Of(clock.GetUtcNow()));
    }

    /// <summary>Overdue first, then the oldest received; every page of one listing is as of the day of its first page.</summary>
    public async Task<TicketListing> ListAsync(TicketState state, TicketKind kind, bool overdueOnly, string person, int pageSize,
        string pageToken, CancellationToken ct)
    {
        if (state != TicketState.Unspecified && !state.IsKnown())
            throw DomainException.InvalidField("state", ErrorReasons.InvalidArgument, "The state is open or closed (or unset for both).");
        if (kind != TicketKind.Unspecified && !kind.IsKnown())
            throw DomainException.InvalidField("kind", ErrorReasons.InvalidArgument, KindsText);
        if (pageSize is < 0 or > MaxPageSize)
            throw DomainException.InvalidField("page_size", ErrorReasons.InvalidArgument, $"A page holds at most {MaxPageSize} tickets.");
        InternalAddressNumber? who = person.Length > 0 ? InternalAddressNumber.Parse(person) : null;
        var (today, after) = pageToken.Length > 0 ? TicketPageToken.Parse(pageToken) : (JapanDate.Of(clock.GetUtcNow()), null);
        var page = await store.ListAsync(new TicketQuery(state == TicketState.Unspecified ? null : state,
            kind == TicketKind.Unspecified ? null : kind, overdueOnly, who, today, after, pageSize == 0 ? DefaultPageSize : pageSize), ct);
        return new TicketListing(page.Tickets, today, page.Last is { } last ? TicketPageToken.Of(today, last) : "");
    }

    /// <summary>Counts per kind (every kind, with zeros) as of today in Japan.</summary>
    public async Task<TicketCounts> CountAsync(CancellationToken ct)
    {
        var counted = (await store.CountAsync(JapanDate.Of(clock.GetUtcNow()), ct)).ToDictionary(c => c.Kind);
        return new TicketCounts(Enum.GetValues<TicketKind>().Where(k => k.IsKnown())
            .Select(k => counted.GetValueOrDefault(k) ?? new TicketKindCount(k, 0, 0, 0)).ToList());
    }

    private async Task<Ticket> FindAsync(string ticketId, CancellationToken ct) =>
        (string.IsNullOrEmpty(ticketId) || ticketId.Length > MaxIdLength ? null : await store.FindAsync(ticketId, ct))
        ?? throw new DomainException(ErrorKind.NotFound, ErrorReasons.TicketNotFound, "There is no ticket with this id.");

    private Ticket Validate(Draft draft, string staffId, DateTimeOffset now)
    {
        if (!draft.Kind.IsKnown()) throw DomainException.InvalidField("kind", ErrorReasons.InvalidArgument, KindsText);
        if (!draft.Channel.IsKnown())
            throw DomainException.InvalidField("channel", ErrorReasons.InvalidArgument, "The channel is one of counter, post or electronic.");
        var requester = Validate(draft.Requester);
        if (draft.Person.Length == 0 && draft.Kind.NeedsDecision())
            throw DomainException.InvalidField("internal_address_number", ErrorReasons.MissingField,
                "A request names the person it concerns; only a general enquiry may go without.");
        InternalAddressNumber? person = draft.Person.Length > 0 ? InternalAddressNumber.Parse(draft.Person) : null;
        var text = Text(draft.RequestText, "request_text", "What was asked", required: true);
        var received = Millis(draft.ReceivedAt) ?? now;
        if (received > now)
            throw DomainException.InvalidField("received_at", ErrorReasons.InvalidArgument, "A request cannot be received in the future.");
        return new Ticket(NewId(), draft.Kind, draft.Channel, requester, person, text, received, settings.DueDate(draft.Kind, received),
            staffId, now);
    }

    private static TicketRequester Validate(TicketRequester requester)
    {
        var name = Text(requester.AgentName, "agent_name", "The agent's name", requester.ByAgent, MaxNameLength);
        var relationship = Text(requester.AgentRelationship, "agent_relationship", "The agent's relationship to the person",
            requester.ByAgent, MaxNameLength);
        if (!requester.ByAgent && (name.Length > 0 || relationship.Length > 0))
            throw DomainException.InvalidField(name.Length > 0 ? "agent_name" : "agent_relationship", ErrorReasons.InvalidArgument,
                "An agent's name and relationship go with a request by an agent only.");
        return requester.ByAgent ? new TicketRequester(true, name, relationship) : TicketRequester.ThePerson;
    }

    private static TicketStep Validate(Ticket ticket, StepDraft draft, string staffId, DateTimeOffset now)
    {
        if (draft.Outcome != TicketOutcome.Unspecified && !ticket.Kind.Ends(draft.Outcome))
            throw DomainException.InvalidField("outcome", ErrorReasons.InvalidArgument, ticket.Kind == TicketKind.Enquiry
                ? "An enquiry ends answered, withdrawn or transferred."
                : "A request ends granted, partly granted, not granted, withdrawn or transferred.");
        var action = Text(draft.Action, "action", "What was done", required: true);
        var result = Text(draft.Result, "result", "The result", required: false);
        var at = Millis(draft.At) ?? now;
        if (at > now || at < ticket.ReceivedAt)
            throw DomainException.InvalidField("at", ErrorReasons.InvalidArgument, "A step is taken between the ticket's receipt and now.");
        return new TicketStep(0, staffId, at, action, result, draft.Outcome);
    }

    /// <summary>A text trimmed; the field's name (never its value) in the refusal.</summary>
    private static string Text(string value, string field, string what, bool required, int maxLength = MaxTextLength)
    {
        var text = value.Trim();
        if (required && text.Length == 0) throw DomainException.InvalidField(field, ErrorReasons.MissingField, $"{what} is required.");
        if (text.Length > maxLength)
            throw DomainException.InvalidField(field, ErrorReasons.ValueTooLong, $"{what} is at most {maxLength} characters.");
        return text;
    }

    private const string KindsText = "The kind is one of disclosure, correction, deletion, suspension or enquiry.";

    private static DomainException Closed() =>
        new(ErrorKind.FailedPrecondition, ErrorReasons.TicketClosed, "This ticket is closed: no step follows its closing step.");

    // Whole milliseconds, which the wire and the store keep exactly: the ticket returned and the ticket read back are equal.
    private static DateTimeOffset Millis(DateTimeOffset at) => at.AddTicks(-(at.UtcTicks % TimeSpan.TicksPerMillisecond));

    private static DateTimeOffset? Millis(DateTimeOffset? at) => at is { } value ? Millis(value) : null;

    /// <summary>"tk-" and 12 random base-32 characters: nothing about the person or the order of receipt.</summary>
    private static string NewId()
    {
        const string Alphabet = "abcdefghijkmnpqrstuvwxyz23456789";
        return string.Create(15, RandomNumberGenerator.GetBytes(12), (chars, bytes) =>
        {
            "tk-".CopyTo(chars);
            for (var i = 0; i < bytes.Length; i++) chars[3 + i] = Alphabet[bytes[i] % Alphabet.Length];
        });
    }
}
