using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Linkage.Contracts.Formats;
using Linkage.Contracts.V1;
using static Linkage.PropertyBased.Tests.Generators;

namespace Linkage.PropertyBased.Tests;

/// <summary>
/// The disclosure CSV read back by an RFC 4180 reader gives every field exactly, whatever it holds (quotes, commas,
/// line breaks, Japanese, emoji), one record per exchange after the header, in UTF-8 with its byte-order mark.
/// </summary>
public sealed class DisclosureCsvProperties
{
    private static Gen<DisclosedExchange> Exchange(Gen<string> text) =>
        from fields in Gen.ArrayOf(text, 12)
        from incoming in Gen.Elements(true, false)
        select new DisclosedExchange
        {
            Date = fields[0], DateInEra = fields[1], Direction = incoming ? RecordDirection.Incoming : RecordDirection.Outgoing,
            OtherInstitutionCode = fields[2], OtherInstitutionName = fields[3], InformationNameCode = fields[4], InformationName = fields[5],
            AffairCode = fields[6], AffairName = fields[7], LegalBasis = fields[8], OutcomeInWords = fields[9], Reason = fields[10], Summary = fields[11],
        };

    private static string[] Fields(DisclosedExchange e) =>
        [e.Date, e.DateInEra, e.Direction == RecordDirection.Incoming ? "提供" : "照会", e.OtherInstitutionCode, e.OtherInstitutionName,
            e.InformationNameCode, e.InformationName, e.AffairCode, e.AffairName, e.LegalBasis, e.OutcomeInWords, e.Reason, e.Summary];

    private static byte[] Write(IEnumerable<DisclosedExchange> exchanges)
    {
        using var output = new MemoryStream();
        DisclosureCsv.Write(output, exchanges);
        return output.ToArray();
    }

    [Property]
    public FsCheck.Property Every_field_reads_back_exactly_one_record_per_exchange() => Prop.ForAll(Gen.ListOf(Exchange(Text)).ToArbitrary(), exchanges =>
    {
        var bytes = Write(exchanges);
        Assert.Equal(Encoding.UTF8.Preamble.ToArray(), bytes.Take(3));
        var records = Rfc4180.Read(Encoding.UTF8.GetString(bytes.AsSpan(3)));
        Assert.Equal(exchanges.Count + 1, records.Count);
        Assert.Equal("日付", records[0][0]);
        Assert.All(records, r => Assert.Equal(13, r.Length));
        Assert.Equal(exchanges.Select(Fields), records.Skip(1));
    });

    [Property]
    public FsCheck.Property Text_that_is_not_well_formed_still_makes_one_well_formed_record_per_exchange() =>
        Prop.ForAll(Gen.ListOf(Exchange(AnyText)).ToArbitrary(), exchanges =>
        {
            var bytes = Write(exchanges);
            // A lone surrogate cannot be written in UTF-8: it becomes U+FFFD, and nothing else changes.
            static string AsWritten(string s) => Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(s));
            var records = Rfc4180.Read(new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes.AsSpan(3)));
            Assert.Equal(exchanges.Select(e => Fields(e).Select(AsWritten).ToArray()), records.Skip(1));
        });
}
