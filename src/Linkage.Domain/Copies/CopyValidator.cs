using System.Globalization;
using Linkage.Domain.Codes;
using Linkage.Domain.Errors;

namespace Linkage.Domain.Copies;

/// <summary>
/// Validates a copy against the item catalogue: keys present and well-formed, information name held here,
/// every item known and belonging to that information name, every value of its item's type, code system and length.
/// </summary>
public sealed class CopyValidator(ItemCatalogue catalogue)
{
    public const int MaxRecordKeyLength = 64;
    public const int MaxItemsPerCopy = 200;

    /// <summary>The copy, or the first violation found (field path and reason).</summary>
    public ProvisionCopy Validate(CopyDraft draft)
    {
        var person = InternalAddressNumber.Parse(draft.InternalAddressNumber);
        var nameCode = InformationNameCode.Parse(draft.InformationNameCode);
        var name = InformationNames.Require(nameCode);

        if (string.IsNullOrWhiteSpace(draft.RecordKey))
            throw DomainException.InvalidField("record_key", ErrorReasons.MissingField, "A record key is required.");
        if (!IsWellFormedRecordKey(draft.RecordKey))
            throw DomainException.InvalidField("record_key", ErrorReasons.InvalidArgument,
                $"A record key is at most {MaxRecordKeyLength} ASCII letters, digits, '-', '_' or '.'.");
        if (draft.Version < 1)
            throw DomainException.InvalidField("version", ErrorReasons.InvalidArgument, "The version starts at 1.");

        var validFrom = ParseDate(draft.ValidFrom, "valid_from")
            ?? throw DomainException.InvalidField("valid_from", ErrorReasons.MissingField, "valid_from is required.");
        var validTo = ParseDate(draft.ValidTo, "valid_to");
        if (validTo < validFrom)
            throw DomainException.InvalidField("valid_to", ErrorReasons.InvalidArgument, "valid_to is before valid_from.");

        if (draft.Items.Count == 0)
            throw DomainException.InvalidField("items", ErrorReasons.MissingField, "A copy holds at least one item.");
        if (draft.Items.Count > MaxItemsPerCopy)
            throw DomainException.InvalidField("items", ErrorReasons.InvalidArgument, $"A copy holds at most {MaxItemsPerCopy} items.");

        var items = new List<ItemEntry>(draft.Items.Count);
        // Most copies hold a handful of items: scanning those already taken costs less than a set made for each copy.
        var seen = draft.Items.Count > 16 ? new HashSet<string>(StringComparer.Ordinal) : null;
        for (var i = 0; i < draft.Items.Count; i++)
        {
            var (code, value) = draft.Items[i];
            // Field paths are built only on failure: this loop runs for every item of a million-copy load.
            var item = code is null ? null : catalogue.Find(code);
            if (item is null || !name.ReportCategories.Contains(item.ReportCategory))
                throw DomainException.InvalidField($"items[{i}].item_code", ErrorReasons.UnknownItem,
                    $"Item {Safe(code)} is not an item of {name.Code}.");
            if (seen is null ? Taken(items, item.ItemCode) : !seen.Add(item.ItemCode))
                throw DomainException.InvalidField($"items[{i}].item_code", ErrorReasons.DuplicateRecord,
                    $"Item {item.ItemCode} appears twice in one copy.");
            if (catalogue.CheckValue(item, value) is { } problem)
                throw DomainException.InvalidField($"items[{i}].value", problem.Reason, problem.Description);
            items.Add(new ItemEntry(item.ItemCode, value!));
        }

        return new ProvisionCopy(person, nameCode, draft.RecordKey, draft.Version, validFrom, validTo, items);
    }

    private static bool Taken(List<ItemEntry> items, string itemCode)
    {
        foreach (var taken in items)
            if (string.Equals(taken.ItemCode, itemCode, StringComparison.Ordinal)) return true;
        return false;
    }

    private static DateOnly? ParseDate(string? text, string field)
    {
        if (string.IsNullOrEmpty(text)) return null;
        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : throw DomainException.InvalidField(field, ErrorReasons.ValueWrongType, $"{field} must be a date as YYYY-MM-DD.");
    }

    /// <summary>The record key for a rejection report, or a placeholder when it is not well formed.</summary>
    public static string SafeRecordKey(string? recordKey) => IsWellFormedRecordKey(recordKey) ? recordKey! : "";

    private static bool IsWellFormedRecordKey(string? key) =>
        key is { Length: > 0 and <= MaxRecordKeyLength } && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    // An unknown item code is not personal data, but it is caller input: keep it short and printable.
    private static string Safe(string? code) =>
        code is { Length: > 0 and <= 17 } && code.All(char.IsAsciiLetterOrDigit) ? code : "(malformed)";
}
