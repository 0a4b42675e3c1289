using Linkage.Domain.Copies;
using Linkage.Domain.Errors;

namespace Linkage.Domain.Tests;

public sealed class CopyValidatorTests
{
    private const string Person = "082210000000007";
    private readonly CopyValidator _validator = new(ItemCatalogue.Default);

    private static CopyDraft Draft(params (string?, string?)[] items) =>
        new(Person, "TM00000000013903", "2025-57-1", 1, "2025-06-01", null, items);

    private DomainException Refused(CopyDraft draft) => Assert.Throws<DomainException>(() => _validator.Validate(draft));

    [Fact]
    public void A_good_copy_is_accepted_with_its_items()
    {
        var copy = _validator.Validate(Draft(("9N001000000000001", "158.2"), ("9Z507000000000011", "2"), ("9Z507195800000049", "腰椎")));
        Assert.Equal(3, copy.Items.Count);
        Assert.Equal(new DateOnly(2025, 6, 1), copy.ValidFrom);
    }

    [Theory]
    [InlineData("9P500000000000011", "1", "items[0].item_code", ErrorReasons.UnknownItem)]       // lung cancer item under osteoporosis
    [InlineData("XXXXXXXXXXXXXXXXX", "1", "items[0].item_code", ErrorReasons.UnknownItem)]
    [InlineData("9Z507000000000011", "7", "items[0].value", ErrorReasons.ValueNotInCodeSystem)]
    [InlineData("9N001000000000001", "abc", "items[0].value", ErrorReasons.ValueWrongType)]
    [InlineData("9N001000000000001", "1580.25", "items[0].value", ErrorReasons.ValueTooLong)]
    [InlineData("9Z507195900000049", "骨密度測定装置ＡＢＣ－１２３４５６７８", "items[0].value", ErrorReasons.ValueTooLong)] // 50 bytes in UTF-8
    [InlineData("9N001000000000001", "", "items[0].value", ErrorReasons.MissingField)]
    public void A_bad_item_is_refused_naming_the_field(string code, string value, string field, string reason)
    {
        var error = Refused(Draft((code, value)));
        Assert.Equal(reason, error.Reason);
        Assert.Equal(field, Assert.Single(error.Violations).Field);
        if (value.Length >= 4) Assert.DoesNotContain(value, error.Message); // values never travel in messages
    }

    [Fact]
    public void An_item_twice_in_one_copy_is_refused_at_its_second_place()
    {
        var catalogue = ItemCatalogue.Default;
        var items = catalogue.ItemsOf(57, 1).Select(i => ((string?)i.ItemCode, (string?)(i.Type switch
        {
            ItemType.Code => catalogue.CodesOf(i.CodeSystem!).First(),
            ItemType.Number => "1",
            ItemType.Date => "2025-06-01",
            _ => "x",
        }))).ToList();
        Assert.Equal(items.Count, _validator.Validate(Draft([.. items])).Items.Count);
        // A short copy and one of more items than the validator scans through one by one.
        foreach (var count in new[] { 3, items.Count })
        {
            var error = Refused(Draft([.. items.Take(count), items[1]]));
            Assert.Equal((ErrorReasons.DuplicateRecord, $"items[{count}].item_code"), (error.Reason, error.Violations[0].Field));
        }
    }

    [Fact]
    public void A_wrong_date_type_is_refused() =>
        Assert.Equal(ErrorReasons.ValueWrongType, Refused(new CopyDraft(Person, "TM00000000013901", "2025-51-1", 1, "2025-06-01", null,
            [("7A030161506144349", "2025/06/01")])).Reason);

    [Fact]
    public void Missing_keys_are_refused()
    {
        Assert.Equal("record_key", Refused(Draft(("9N001000000000001", "158.2")) with { RecordKey = "" }).Violations[0].Field);
        Assert.Equal("valid_from", Refused(Draft(("9N001000000000001", "158.2")) with { ValidFrom = null }).Violations[0].Field);
        Assert.Equal("items", Refused(Draft()).Violations[0].Field);
        Assert.Equal(ErrorReasons.MissingField, Refused(Draft(("9N001000000000001", "1")) with { InternalAddressNumber = null }).Reason);
    }

    [Fact]
    public void An_unknown_person_format_or_information_name_is_refused()
    {
        Assert.Equal(ErrorReasons.MalformedCode, Refused(Draft(("9N001000000000001", "1")) with { InternalAddressNumber = "08221-123" }).Reason);
        Assert.Equal(ErrorReasons.UnknownInformationName, Refused(Draft(("9N001000000000001", "1")) with { InformationNameCode = "TM00000000099999" }).Reason);
    }

    [Fact]
    public void Periodontal_items_are_stored_under_their_own_information_name()
    {
        var copy = _validator.Validate(new CopyDraft(Person, "TM00000000013904", "2025-58-1", 1, "2025-06-01", null, [("9P663000000000001", "24")]));
        Assert.Single(copy.Items);
    }
}
