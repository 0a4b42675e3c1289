using System.Text;
using Linkage.Domain.Copies;

namespace Linkage.Domain.Tests;

/// <summary>The embedded catalogue against the real item table and code lists of shared/reference/municipal-checkup.</summary>
public sealed class ItemCatalogueTests
{
    private readonly ItemCatalogue _catalogue = ItemCatalogue.Default;

    [Fact]
    public void Holds_the_166_items_of_the_standard_table()
    {
        Assert.Equal(166, _catalogue.Items.Count);
        Assert.All(_catalogue.Items, i => Assert.Matches("^[0-9A-Z]{17}$", i.ItemCode));
        Assert.Equal(_catalogue.Items.Count, _catalogue.Items.Select(i => i.ItemCode).Distinct().Count());
    }

    [Fact]
    public void Every_coded_item_has_a_code_system_with_codes_that_fit_its_byte_limit()
    {
        var coded = _catalogue.Items.Where(i => i.Type == ItemType.Code).ToList();
        Assert.Equal(96, coded.Count);
        Assert.All(coded, item =>
        {
            Assert.NotNull(item.CodeSystem);
            var codes = _catalogue.CodesOf(item.CodeSystem!);
            Assert.NotEmpty(codes);
            Assert.All(codes, code => Assert.True(Encoding.UTF8.GetByteCount(code) <= item.MaxBytes, $"{item.ItemCode} {code}"));
        });
        Assert.All(_catalogue.Items.Where(i => i.Type != ItemType.Code), i => Assert.Null(i.CodeSystem));
    }

    [Fact]
    public void Items_are_grouped_by_report_category_and_stage()
    {
        Assert.Equal(Enumerable.Range(51, 8), _catalogue.Items.Select(i => i.ReportCategory).Distinct().Order());
        Assert.All(_catalogue.Items, i => Assert.InRange(i.Stage, 1, 2));
        for (var category = 51; category <= 58; category++)
        {
            Assert.NotEmpty(_catalogue.ItemsOf(category, 1));
            Assert.NotEmpty(_catalogue.ItemsOf(category, 2));
        }
        Assert.Equal(166, Enumerable.Range(51, 8).Sum(c => _catalogue.ItemsOf(c, 1).Count + _catalogue.ItemsOf(c, 2).Count));
    }

    [Fact]
    public void Types_and_limits_come_from_the_table()
    {
        var height = _catalogue.Find("9N001000000000001")!;
        Assert.Equal((ItemType.Number, 5, 57, 1), (height.Type, height.MaxBytes, height.ReportCategory, height.Stage));
        var sputumDate = _catalogue.Find("7A030161506144349")!;
        Assert.Equal(ItemType.Date, sputumDate.Type);
        var mammography = _catalogue.Find("9N281000000000011")!;
        Assert.Equal((ItemType.Code, 2, "1.2.392.100495.100.2200"), (mammography.Type, mammography.MaxBytes, mammography.CodeSystem));
        Assert.Contains("99", _catalogue.CodesOf("1.2.392.100495.100.2200"));
        Assert.Null(_catalogue.Find("0000000000000000X"));
    }

    [Fact]
    public void Information_names_cover_every_category_and_only_periodontal_is_not_provided()
    {
        var covered = InformationNames.All.SelectMany(n => n.ReportCategories).Order().ToList();
        Assert.Equal(Enumerable.Range(51, 8), covered);
        Assert.Equal([InformationNames.PeriodontalScreening], InformationNames.All.Where(n => !n.Providable));
        Assert.Contains(58, InformationNames.PeriodontalScreening.ReportCategories);
    }

    [Fact]
    public void A_malformed_table_is_refused_at_load()
    {
        const string codes = "system\tsystem_description\tcode\tdisplay\nurn:oid:1.2\tx\t1\tone\n";
        const string header = "screening\tgroup\titem_name\tjlac10\tdata_type\txml_type\tmax_bytes\tcode_system_oid\tsection\tobservation_category\treport_category\tcheckup_stage\n";
        const string item = "s\tg\tn\t9P500000000000011\tコード\tCD\t1\t1.9\t問診\texam\t51\t1\n";
        Assert.Throws<FormatException>(() => ItemCatalogue.Parse(header + item, codes));
        var duplicate = "s\tg\tn\t9P500000000000011\tコード\tCD\t1\t1.2\t問診\texam\t51\t1\n";
        Assert.Throws<FormatException>(() => ItemCatalogue.Parse(header + duplicate + duplicate, codes));
    }
}
