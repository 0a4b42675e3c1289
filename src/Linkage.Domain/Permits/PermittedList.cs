using Linkage.Domain.Codes;
using Linkage.Domain.Errors;

namespace Linkage.Domain.Permits;

/// <summary>
/// A version of the hub's permitted-inquiry list. Both sides check it: the inquirer before asking for a permit,
/// the provider before answering, so that a permit alone never suffices.
/// </summary>
public sealed class PermittedList
{
    public const string ClassPrefix = "class:";

    private readonly IReadOnlyDictionary<string, IReadOnlySet<string>> _classes;
    private readonly IReadOnlySet<long> _withdrawn;

    public PermittedList(
        long version,
        DateTimeOffset issuedAt,
        IReadOnlyList<PermittedEntry> entries,
        IReadOnlyDictionary<string, IReadOnlySet<string>> classes,
        IReadOnlySet<long> withdrawnVersions,
        NetworkDirectory? directory = null)
    {
        Directory = directory ?? NetworkDirectory.Empty;
        Version = version;
        IssuedAt = issuedAt;
        Entries = entries;
        _classes = classes;
        _withdrawn = withdrawnVersions;
    }

    public long Version { get; }
    public DateTimeOffset IssuedAt { get; }
    public IReadOnlyList<PermittedEntry> Entries { get; }
    public NetworkDirectory Directory { get; }

    public bool IsWithdrawn(long version) => _withdrawn.Contains(version);

    public PermittedEntry? Find(InstitutionCode inquirer, AffairCode affair, ProcedureCode procedure,
        InstitutionCode provider, InformationNameCode informationName, DateOnly day) =>
        Entries.FirstOrDefault(e =>
            e.Affair == affair && e.Procedure == procedure && e.Provider == provider
            && e.InformationName == informationName && e.IsValidOn(day) && Covers(e.Inquirer, inquirer));

    /// <summary>The entry that allows the inquiry, or <c>INQUIRY_NOT_PERMITTED</c>.</summary>
    public PermittedEntry Require(InstitutionCode inquirer, AffairCode affair, ProcedureCode procedure,
        InstitutionCode provider, InformationNameCode informationName, DateOnly day) =>
        Find(inquirer, affair, procedure, provider, informationName, day)
        ?? throw new DomainException(ErrorKind.PermissionDenied, ErrorReasons.InquiryNotPermitted,
            $"The permitted-inquiry list (version {Version}) has no entry for this inquirer, procedure, provider and information name.");

    private bool Covers(string entryInquirer, InstitutionCode inquirer) =>
        entryInquirer.StartsWith(ClassPrefix, StringComparison.Ordinal)
            ? _classes.TryGetValue(entryInquirer, out var members) && members.Contains(inquirer.Value)
            : entryInquirer == inquirer.Value;
}
