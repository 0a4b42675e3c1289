using System.Text;
using Linkage.Contracts.V1;

namespace Linkage.Contracts.Formats;

/// <summary>
/// The one CSV form of a person's disclosure, handed out by the console and `linkage records disclose --csv` alike:
/// for the spreadsheet programs of municipal offices: UTF-8 with a byte-order mark (without
/// it they read the Japanese as mojibake), CRLF line ends, every field quoted.
/// </summary>
public static class DisclosureCsv
{
    private static readonly string[] Header =
        ["日付", "和暦", "区分", "相手機関コード", "相手機関", "情報名コード", "情報名", "事務コード", "事務", "根拠法令", "結果", "結果コード", "概要"];

    public static void Write(Stream output, IEnumerable<DisclosedExchange> exchanges)
    {
        using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true) { NewLine = "\r\n" };
        writer.WriteLine(Line(Header));
        foreach (var e in exchanges)
            writer.WriteLine(Line([e.Date, e.DateInEra, e.Direction == RecordDirection.Incoming ? "提供" : "照会", e.OtherInstitutionCode,
                e.OtherInstitutionName, e.InformationNameCode, e.InformationName, e.AffairCode, e.AffairName, e.LegalBasis, e.OutcomeInWords,
                e.Reason, e.Summary]));
    }

    private static string Line(IEnumerable<string> fields) => string.Join(',', fields.Select(f => "\"" + f.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""));
}
