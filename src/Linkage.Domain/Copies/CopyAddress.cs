using Linkage.Domain.Codes;
using Linkage.Domain.Errors;

namespace Linkage.Domain.Copies;

/// <summary>Which record a read or a deletion means: the person, an information name held here, and the record key.</summary>
public readonly record struct CopyAddress(InternalAddressNumber Person, InformationNameCode InformationName, string RecordKey)
{
    public static CopyAddress Parse(string? person, string? informationName, string? recordKey)
    {
        var name = InformationNameCode.Parse(informationName);
        InformationNames.Require(name);
        if (string.IsNullOrEmpty(CopyValidator.SafeRecordKey(recordKey)))
            throw DomainException.InvalidField("record_key", ErrorReasons.InvalidArgument,
                "A record key of ASCII letters, digits, '-', '_' or '.' is required.");
        return new CopyAddress(InternalAddressNumber.Parse(person), name, recordKey!);
    }
}
