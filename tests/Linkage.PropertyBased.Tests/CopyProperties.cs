using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Linkage.Domain.Copies;
using Linkage.Domain.Errors;
using static Linkage.PropertyBased.Tests.Generators;

namespace Linkage.PropertyBased.Tests;

/// <summary>Copy validation against the real item catalogue: what fits is kept as sent, what does not is refused at its field.</summary>
public sealed class CopyProperties
{
    private static readonly ItemCatalogue Catalogue = ItemCatalogue.Default;
    private static readonly CopyValidator Validator = new(Catalogue);

    private static readonly HashSet<string> Reasons =
    [
        ErrorReasons.MissingField, ErrorReasons.MalformedCode, ErrorReasons.InvalidArgument, ErrorReasons.UnknownInformationName,
        ErrorReasons.UnknownItem, ErrorReasons.DuplicateRecord, ErrorReasons.ValueWrongType, ErrorReasons.ValueNotInCodeSystem,
        ErrorReasons.ValueTooLong,
    ];

    /// <summary>A value that fits the item: a code of its system, a number, a date, or text within its byte limit.</summary>
    private static Gen<string> ValueOf(CatalogueItem item) => item.Type switch
    {
        ItemType.Code => Gen.Elements(Catalogue.CodesOf(item.CodeSystem!).ToArray()),
        ItemType.Number => from digits in Gen.Choose(1, Math.Max(1, item.MaxBytes - 2))
                           from text in Digits(digits)
                           from point in Gen.Elements(true, false)
                           select point && text.Length > 1 ? text[..^1] + "." + text[^1] : text,
        ItemType.Date => Day.Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        _ => Text.Where(t => t.Length > 0).Select(t => Fit(t, item.MaxBytes)),
    };

    private static string Fit(string text, int maxBytes)
    {
        var kept = new StringBuilder();
        foreach (var rune in text.EnumerateRunes())
        {
            if (Encoding.UTF8.GetByteCount(kept.ToString()) + rune.Utf8SequenceLength > maxBytes) break;
            kept.Append(rune.ToString());
        }
        return kept.Length == 0 ? "x" : kept.ToString();
    }

    /// <summary>Copies the health management system may send: one information name, its items once each, values that fit.</summary>
    private static Gen<CopyDraft> ValidDraft =>
        from name in Gen.Elements(InformationNames.All.ToArray())
        from items in Gen.SubListOf(Catalogue.Items.Where(i => name.ReportCategories.Contains(i.ReportCategory)).ToArray())
            .Where(l => l.Count > 0).Select(l => l.Take(CopyValidator.MaxItemsPerCopy).ToList())
        from values in Gen.CollectToList(items, ValueOf)
        from order in Gen.Shuffle(items.Zip(values).ToArray())
        from person in Digits(15)
        from recordKey in AsciiAlphanumeric(1, CopyValidator.MaxRecordKeyLength)
        from version in Gen.Choose(1, int.MaxValue)
        from from_ in Day
        from days in Gen.OneOf(Gen.Constant<int?>(null), Gen.Choose(0, 3000).Select(d => (int?)d))
        select new CopyDraft(person, name.Code.Value, recordKey, version, Date(from_), days is { } d ? Date(from_.AddDays(d)) : null,
            order.Select(p => ((string?)p.First.ItemCode, (string?)p.Second)).ToList());

    private static string Date(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Property]
    public FsCheck.Property A_copy_that_fits_the_catalogue_is_kept_exactly_as_sent() => Prop.ForAll(ValidDraft.ToArbitrary(), draft =>
    {
        var copy = Validator.Validate(draft);
        Assert.Equal((draft.InternalAddressNumber, draft.InformationNameCode, draft.RecordKey, draft.Version, draft.ValidFrom, draft.ValidTo),
            (copy.Person.Value, copy.InformationName.Value, copy.RecordKey, copy.Version, Date(copy.ValidFrom),
                copy.ValidTo is { } to ? Date(to) : null));
        Assert.Equal(draft.Items.Select(i => new ItemEntry(i.ItemCode!, i.Value!)), copy.Items);
    });

    [Property]
    public FsCheck.Property An_unknown_item_anywhere_is_refused_at_its_own_position() =>
        Prop.ForAll(ValidDraft.SelectMany(d => Gen.Choose(0, d.Items.Count - 1), (d, at) => (d, at)).ToArbitrary(), c =>
        {
            var items = c.d.Items.ToList();
            items[c.at] = ("9X" + items[c.at].ItemCode![2..], items[c.at].Value);
            var refusal = Assert.Throws<DomainException>(() => Validator.Validate(c.d with { Items = items }));
            Assert.Equal((ErrorReasons.UnknownItem, $"items[{c.at}].item_code"), (refusal.Reason, Assert.Single(refusal.Violations).Field));
        });

    [Property]
    public FsCheck.Property A_value_past_its_items_byte_limit_is_refused_as_too_long_without_the_value_in_the_message() =>
        Prop.ForAll(ValidDraft.SelectMany(d => Gen.Choose(0, d.Items.Count - 1), (d, at) => (d, at)).ToArbitrary(), c =>
        {
            var items = c.d.Items.ToList();
            var item = Catalogue.Find(items[c.at].ItemCode!)!;
            // A character no message holds, in more bytes than the item allows.
            var value = new string('値', item.MaxBytes / 3 + 1);
            items[c.at] = (item.ItemCode, value);
            var refusal = Assert.Throws<DomainException>(() => Validator.Validate(c.d with { Items = items }));
            Assert.Equal((ErrorReasons.ValueTooLong, $"items[{c.at}].value"), (refusal.Reason, Assert.Single(refusal.Violations).Field));
            Assert.DoesNotContain(value, refusal.Message);
        });

    [Property(MaxTest = 300)]
    public FsCheck.Property A_draft_of_any_content_is_a_copy_or_refused_at_one_field_with_a_documented_reason() =>
        Prop.ForAll(AnyDraft.ToArbitrary(), draft =>
        {
            try { Validator.Validate(draft); }
            catch (DomainException refusal)
            {
                Assert.Equal(ErrorKind.InvalidArgument, refusal.Kind);
                Assert.Contains(refusal.Reason, Reasons);
                Assert.Matches(@"^(internal_address_number|information_name_code|record_key|version|valid_from|valid_to|items|items\[\d+\]\.(item_code|value))$",
                    Assert.Single(refusal.Violations).Field);
            }
        });

    /// <summary>A valid copy with any of its fields replaced by anything, nulls and lone surrogates included.</summary>
    private static Gen<CopyDraft> AnyDraft =>
        from draft in ValidDraft
        from texts in Gen.ArrayOf(Gen.OneOf(AnyText, Text, Gen.Constant<string>(null!)), 8)
        from version in ArbMap.Default.GeneratorFor<int>()
        from which in Gen.Choose(0, 127)
        from extra in Gen.ListOf(Gen.Zip(Gen.OneOf(AnyText, Gen.Elements(Catalogue.Items.Select(i => i.ItemCode).ToArray())), AnyText))
        select new CopyDraft(
            (which & 1) != 0 ? texts[0] : draft.InternalAddressNumber,
            (which & 2) != 0 ? texts[1] : draft.InformationNameCode,
            (which & 4) != 0 ? texts[2] : draft.RecordKey,
            (which & 8) != 0 ? version : draft.Version,
            (which & 16) != 0 ? texts[3] : draft.ValidFrom,
            (which & 32) != 0 ? texts[4] : draft.ValidTo,
            (which & 64) != 0 ? [.. draft.Items, .. extra.Select(e => ((string?)e.Item1, (string?)e.Item2))] : draft.Items);
}
