using Google.Protobuf;
using Linkage.Contracts.V1;
using Linkage.Domain.Copies;
using Linkage.Domain.Errors;
using Linkage.Gateway.Copies;

namespace Linkage.Fuzz;

/// <summary>
/// The health management system's copy as the gateway reads it: the wire message, its mapping to a draft and the
/// validation against the item catalogue, exactly as <c>RegisterCopy</c> and every message of <c>RegisterCopies</c> do.
/// </summary>
public static class CopyTarget
{
    private static readonly CopyValidator Validator = new(ItemCatalogue.Default);

    public static FuzzOutcome Run(byte[] input)
    {
        ProvisionCopy copy;
        try
        {
            copy = Validator.Validate(CopyMapping.ToDraft(Copy.Parser.ParseFrom(input)));
        }
        // gRPC refuses a message that does not parse before the service sees it; the validator refuses with a field.
        catch (InvalidProtocolBufferException)
        {
            return FuzzOutcome.Refuse("UNPARSEABLE");
        }
        catch (DomainException refusal) when (refusal.Kind == ErrorKind.InvalidArgument && refusal.Violations.Count == 1)
        {
            return FuzzOutcome.Refuse(refusal.Reason);
        }
        catch (Exception other)
        {
            throw new FuzzFindingException($"The copy was not refused with a field and reason: {other.GetType().Name}: {other.Message}", other);
        }

        // What GetCopy hands back for a stored copy validates into the same copy: nothing is lost or changed on the way.
        var back = Validator.Validate(CopyMapping.ToDraft(CopyMapping.ToWire(new StoredCopy(copy, false)).Copy));
        if (back with { Items = [] } != copy with { Items = [] } || !back.Items.SequenceEqual(copy.Items))
            throw new FuzzFindingException("An accepted copy reads differently once handed back.");
        return FuzzOutcome.Accept;
    }

    /// <summary>The seed corpus: a copy of each information name's items that is accepted, and refused ones.</summary>
    public static IReadOnlyList<(string Name, byte[] Input)> Seeds()
    {
        var valid = ValidCopy();
        return
        [
            ("accepted", valid.ToByteArray()),
            ("accepted-open-ended", With(valid, c => c.ValidTo = "")),
            ($"refused-{ErrorReasons.UnknownItem}", With(valid, c => c.Items[0].ItemCode = "9P500000000000011")),
            ($"refused-{ErrorReasons.ValueNotInCodeSystem}", With(valid, c => c.Items[1].Value = "7")),
            ($"refused-{ErrorReasons.ValueWrongType}", With(valid, c => c.ValidFrom = "2025/06/01")),
            ($"refused-{ErrorReasons.MalformedCode}", With(valid, c => c.InternalAddressNumber = "08221-123")),
            ($"refused-{ErrorReasons.DuplicateRecord}", With(valid, c => c.Items.Add(c.Items[0].Clone()))),
        ];
    }

    /// <summary>An osteoporosis screening copy with a number, a code and a text item.</summary>
    public static Copy ValidCopy() => new()
    {
        InternalAddressNumber = "082210000000007",
        InformationNameCode = "TM00000000013903",
        RecordKey = "2025-57-1",
        Version = 1,
        ValidFrom = "2025-06-01",
        ValidTo = "2026-03-31",
        Items =
        {
            new ItemValue { ItemCode = "9N001000000000001", Value = "158.2" },
            new ItemValue { ItemCode = "9Z507000000000011", Value = "2" },
            new ItemValue { ItemCode = "9Z507195800000049", Value = "腰椎" },
        },
    };

    private static byte[] With(Copy valid, Action<Copy> change)
    {
        var copy = valid.Clone();
        change(copy);
        return copy.ToByteArray();
    }
}
