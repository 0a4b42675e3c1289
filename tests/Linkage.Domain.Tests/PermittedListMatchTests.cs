using Linkage.Domain.Codes;
using Linkage.Domain.Errors;
using Linkage.Domain.Permits;

namespace Linkage.Domain.Tests;

/// <summary>
/// An entry of the permitted-inquiry list allows an inquiry only when every field agrees: inquirer (one institution,
/// or a member of a named class), affair, procedure, provider, information name, and the day within its validity.
/// </summary>
public sealed class PermittedListMatchTests
{
    private static readonly DateOnly Today = new(2025, 7, 1);

    private static PermittedEntry? Find(PermittedList list, string inquirer = Seed.Mito, string affair = Seed.Affair,
        string procedure = Seed.Procedure, string provider = Seed.Hitachinaka, string informationName = Seed.Osteoporosis,
        DateOnly? day = null) =>
        list.Find(InstitutionCode.Parse(inquirer), AffairCode.Parse(affair), ProcedureCode.Parse(procedure),
            InstitutionCode.Parse(provider), InformationNameCode.Parse(informationName), day ?? Today);

    [Fact]
    public void An_inquiry_that_agrees_with_an_entry_in_every_field_finds_that_entry()
    {
        var entry = Seed.Entry();
        Assert.Same(entry, Find(Seed.List(Seed.Entry(Seed.Cancer), entry)));
    }

    [Fact]
    public void Of_two_entries_that_allow_the_inquiry_the_first_is_found()
    {
        var first = Seed.Entry(legalBasis: "first");
        Assert.Same(first, Find(Seed.List(first, Seed.Entry(legalBasis: "second"))));
    }

    [Fact]
    public void Another_affair_alone_is_not_allowed() => Assert.Null(Find(Seed.List(), affair: Seed.OtherAffair));

    [Fact]
    public void Another_procedure_alone_is_not_allowed() => Assert.Null(Find(Seed.List(), procedure: Seed.OtherProcedure));

    [Fact]
    public void Another_provider_alone_is_not_allowed() => Assert.Null(Find(Seed.List(), provider: Seed.Kyokai));

    [Fact]
    public void Another_information_name_alone_is_not_allowed() => Assert.Null(Find(Seed.List(), informationName: Seed.Cancer));

    [Fact]
    public void An_inquirer_outside_the_entrys_class_alone_is_not_allowed() => Assert.Null(Find(Seed.List(), inquirer: Seed.Kyokai));

    [Fact]
    public void Every_member_of_the_entrys_class_is_allowed()
    {
        var list = Seed.List();
        Assert.NotNull(Find(list, inquirer: Seed.Mito));
        Assert.NotNull(Find(list, inquirer: Seed.Hitachinaka));
    }

    [Fact]
    public void An_entry_naming_a_class_the_list_does_not_define_allows_nobody() =>
        Assert.Null(Find(Seed.List(Seed.Entry(inquirer: "class:prefectural-governor"))));

    [Fact]
    public void An_entry_naming_one_institution_allows_that_institution_only()
    {
        var list = Seed.List(Seed.Entry(inquirer: Seed.Mito));
        Assert.NotNull(Find(list, inquirer: Seed.Mito));
        Assert.Null(Find(list, inquirer: Seed.Hitachinaka)); // a mayor too, but the entry names Mito, not the class
    }

    [Fact]
    public void An_institution_code_is_not_read_as_a_class_even_when_a_class_has_that_name()
    {
        var list = new PermittedList(Seed.ListVersion, Seed.Now, [Seed.Entry(inquirer: Seed.Kyokai)],
            new Dictionary<string, IReadOnlySet<string>> { [Seed.Kyokai] = new HashSet<string> { Seed.Mito } }, new HashSet<long>());
        Assert.Null(Find(list, inquirer: Seed.Mito));
        Assert.NotNull(Find(list, inquirer: Seed.Kyokai));
    }

    [Fact]
    public void An_entry_is_valid_from_its_first_day_and_not_before()
    {
        var list = Seed.List(Seed.Entry(validFrom: Today));
        Assert.NotNull(Find(list, day: Today));
        Assert.Null(Find(list, day: Today.AddDays(-1)));
    }

    [Fact]
    public void An_entry_is_valid_through_its_last_day_and_not_after()
    {
        var list = Seed.List(Seed.Entry(validFrom: Today.AddYears(-1), validTo: Today));
        Assert.NotNull(Find(list, day: Today));
        Assert.Null(Find(list, day: Today.AddDays(1)));
    }

    [Fact]
    public void An_entry_without_a_last_day_stays_valid()
    {
        var list = Seed.List(Seed.Entry(validFrom: Today));
        Assert.NotNull(Find(list, day: new DateOnly(2099, 12, 31)));
    }

    [Fact]
    public void An_entry_before_its_first_day_is_not_valid_even_without_a_last_day() =>
        Assert.False(Seed.Entry(validFrom: Today).IsValidOn(Today.AddDays(-1)));

    [Fact]
    public void Require_returns_the_entry_that_allows_the_inquiry()
    {
        var entry = Seed.Entry();
        var list = Seed.List(entry);
        Assert.Same(entry, list.Require(InstitutionCode.Parse(Seed.Mito), AffairCode.Parse(Seed.Affair),
            ProcedureCode.Parse(Seed.Procedure), InstitutionCode.Parse(Seed.Hitachinaka),
            InformationNameCode.Parse(Seed.Osteoporosis), Today));
    }

    [Fact]
    public void Require_refuses_an_inquiry_without_an_entry_as_not_permitted()
    {
        var error = Assert.Throws<DomainException>(() => Seed.List().Require(InstitutionCode.Parse(Seed.Kyokai),
            AffairCode.Parse(Seed.Affair), ProcedureCode.Parse(Seed.Procedure), InstitutionCode.Parse(Seed.Hitachinaka),
            InformationNameCode.Parse(Seed.Osteoporosis), Today));
        Assert.Equal(ErrorKind.PermissionDenied, error.Kind);
        Assert.Equal(ErrorReasons.InquiryNotPermitted, error.Reason);
    }

    [Fact]
    public void Only_the_versions_the_list_names_are_withdrawn()
    {
        var list = Seed.List();
        Assert.True(list.IsWithdrawn(Seed.WithdrawnListVersion));
        Assert.False(list.IsWithdrawn(Seed.ListVersion));
    }
}
