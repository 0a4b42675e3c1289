using System.Security.Cryptography;
using Linkage.Domain.Codes;
using Linkage.Domain.Errors;
using Linkage.Domain.Staff;

namespace Linkage.Domain.Review.HoldFlags;

/// <summary>
/// An administrator, or the health management system with its copies, sets and clears hold flags; an administrator
/// lists them. Both come here, so who may change which flag is decided in one place (<see cref="RequireMayChange"/>).
/// The order of memory and store is what keeps an answer from slipping out: a new flag is in force in memory before
/// its row is written (and withdrawn if the write fails), and a cleared flag stays in force in memory until its
/// clearing is written. A failure can only hold an answer too many, never send one too many.
/// </summary>
public sealed class HoldFlagAdministration(InstitutionScope scope, IHoldFlagStore store, HoldFlagIndex index, TimeProvider clock)
{
    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 1000;
    private const int MaxTextLength = 500;

    /// <summary>What a caller asks for; empty strings stand for "not given", as on the wire.</summary>
    public sealed record Draft(string Person, string InformationName, HoldFlagReason Reason, string ReasonText,
        DateTimeOffset? EffectiveFrom, DateTimeOffset? EffectiveTo);

    /// <summary>Sets a flag in <paramref name="by"/>'s name (the staff member's or the system's id).</summary>
    public async Task<HoldFlag> SetAsync(Draft draft, Caller by, CancellationToken ct)
    {
        var flag = Validate(draft with { EffectiveFrom = Millis(draft.EffectiveFrom), EffectiveTo = Millis(draft.EffectiveTo) },
            by.Id, Millis(clock.GetUtcNow()));
        RequireMayChange(by, flag);
        ct.ThrowIfCancellationRequested();
        index.Add(flag);
        try
        {
            // Not cancellable: a write cancelled after its commit would leave a stored flag that memory had withdrawn.
            await store.InsertAsync(flag, CancellationToken.None);
        }
        catch
        {
            index.Remove(flag.FlagId);
            throw;
        }
        return flag;
    }

    public async Task<HoldFlag> ClearAsync(string flagId, string reason, Caller by, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > MaxTextLength)
            throw DomainException.InvalidField("reason", ErrorReasons.MissingField, $"A reason of 1 to {MaxTextLength} characters is required.");
        // An id no flag can have (ids are 15 characters) is not looked up: a megabyte of id costs the store nothing.
        var flag = string.IsNullOrEmpty(flagId) || flagId.Length > 64 ? null : await store.GetAsync(flagId, ct);
        if (flag is { IsCleared: false })
        {
            // An administrator's flag stays until an administrator clears it, whatever the back office sends.
            if (by.Kind == CallerKind.System && flag.SetBy != by.Id)
                throw new DomainException(ErrorKind.PermissionDenied, ErrorReasons.PeerNotAuthorized,
                    "A connected system clears only the flags it set; this one is an administrator's or another system's.");
            RequireMayChange(by, flag);
            // Person, information name and setter never change, so what was checked is what gets cleared; the store
            // decides between two clearings at once.
            if (await store.ClearAsync(flagId, Millis(clock.GetUtcNow()), by.Id, reason.Trim(), ct) is { } cleared)
            {
                index.Remove(flagId);
                return cleared;
            }
        }
        throw new DomainException(ErrorKind.NotFound, ErrorReasons.HoldFlagNotFound, "No hold flag in force has this id.");
    }

    /// <summary>The flags in the order they were set; the page token is the position of the last one shown.</summary>
    public async Task<(IReadOnlyList<HoldFlag> Flags, string NextPageToken)> ListAsync(bool includeCleared, string person,
        string informationName, int pageSize, string pageToken, CancellationToken ct)
    {
        if (pageSize is < 0 or > MaxPageSize)
            throw DomainException.InvalidField("page_size", ErrorReasons.InvalidArgument, $"A page holds at most {MaxPageSize} flags.");
        var after = 0L;
        if (pageToken.Length > 0 && (!long.TryParse(pageToken, System.Globalization.NumberStyles.None,
                System.Globalization.CultureInfo.InvariantCulture, out after)))
            throw DomainException.InvalidField("page_token", ErrorReasons.InvalidArgument, "The page token is not one this gateway gave out.");
        var page = await store.ListAsync(new HoldFlagQuery(includeCleared,
            person.Length > 0 ? InternalAddressNumber.Parse(person) : null,
            informationName.Length > 0 ? InformationNameCode.Parse(informationName) : null,
            after, pageSize == 0 ? DefaultPageSize : pageSize), ct);
        return (page.Flags, page.LastPosition?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "");
    }

    /// <summary>
    /// Who may change a flag: a caller of this institution (the only one whose persons this gateway holds), on
    /// information names it may act on — a flag without one holds every name this gateway provides, so a caller
    /// restricted to some names may not set or clear it — and a connected system on one person at a time: stopping
    /// the answers of everyone for an information name is an administrator's decision.
    /// </summary>
    private void RequireMayChange(Caller by, HoldFlag flag)
    {
        if (by.Institution != scope.Code.Value)
            throw new DomainException(ErrorKind.PermissionDenied, ErrorReasons.OtherInstitution,
                "Only callers of this gateway's institution flag its persons.");
        var allowed = flag.InformationName is { } name
            ? by.MayActOn(name)
            : Copies.InformationNames.All.All(n => by.MayActOn(n.Code));
        if (!allowed)
            throw new DomainException(ErrorKind.PermissionDenied, ErrorReasons.InformationNameNotAllowed,
                flag.InformationName is null
                    ? "A flag without an information name holds every one; this caller may act on some only."
                    : "This caller may not act on this information name.");
        if (by.Kind == CallerKind.System && flag.Person is null)
            throw DomainException.InvalidField("internal_address_number", ErrorReasons.MissingField,
                "A connected system flags one person at a time; a flag on an information name for everyone is an administrator's.");
    }

    /// <summary>The flags in force at start, from the store into memory.</summary>
    public async Task LoadAsync(CancellationToken ct) => index.Replace(await store.LoadActiveAsync(clock.GetUtcNow(), ct));

    /// <summary>
    /// Takes the flags another gateway node of the institution set or cleared in the shared store; a flag set or cleared
    /// on this node while they were read wins, and the next refresh reads them again. Returns how many are in memory.
    /// </summary>
    public async Task<int> RefreshAsync(CancellationToken ct)
    {
        var generation = index.Generation;
        index.SyncIf(await store.LoadActiveAsync(clock.GetUtcNow(), ct), generation);
        return index.Count;
    }

    private static HoldFlag Validate(Draft draft, string setBy, DateTimeOffset now)
    {
        if (draft.Person.Length == 0 && draft.InformationName.Length == 0)
            throw DomainException.InvalidField("internal_address_number", ErrorReasons.MissingField,
                "A flag is on a person, an information name, or both: at least one is required.");
        InternalAddressNumber? person = draft.Person.Length > 0 ? InternalAddressNumber.Parse(draft.Person) : null;
        InformationNameCode? name = draft.InformationName.Length > 0 ? InformationNameCode.Parse(draft.InformationName) : null;
        if (!draft.Reason.IsKnown())
            throw DomainException.InvalidField("reason", ErrorReasons.InvalidArgument,
                "The reason is one of support measure, court order, data under correction, or other (with a text).");
        var text = draft.ReasonText.Trim();
        if (draft.Reason == HoldFlagReason.Other && text.Length == 0)
            throw DomainException.InvalidField("reason_text", ErrorReasons.MissingField, "A flag for another reason needs a text saying which.");
        if (text.Length > MaxTextLength)
            throw DomainException.InvalidField("reason_text", ErrorReasons.InvalidArgument, $"The text is at most {MaxTextLength} characters.");
        var from = draft.EffectiveFrom ?? now;
        if (draft.EffectiveTo is { } to && to <= from)
            throw DomainException.InvalidField("effective_to", ErrorReasons.InvalidArgument, "The end of a flag must come after its start.");
        return new HoldFlag(NewId(), person, name, draft.Reason, text, from, draft.EffectiveTo, setBy, now);
    }

    // Whole milliseconds, which the store keeps exactly: the flag in memory and the flag listed from the store are equal.
    private static DateTimeOffset Millis(DateTimeOffset at) => at.AddTicks(-(at.UtcTicks % TimeSpan.TicksPerMillisecond));

    private static DateTimeOffset? Millis(DateTimeOffset? at) => at is { } value ? Millis(value) : null;

    /// <summary>"hf-" and 12 random base-32 characters: known before the row is written, which the index needs.</summary>
    private static string NewId()
    {
        const string Alphabet = "abcdefghijkmnpqrstuvwxyz23456789";
        return string.Create(15, RandomNumberGenerator.GetBytes(12), (chars, bytes) =>
        {
            "hf-".CopyTo(chars);
            for (var i = 0; i < bytes.Length; i++) chars[3 + i] = Alphabet[bytes[i] % Alphabet.Length];
        });
    }
}
