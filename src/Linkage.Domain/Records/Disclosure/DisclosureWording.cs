using Linkage.Domain.Answers;
using Linkage.Domain.Errors;

namespace Linkage.Domain.Records.Disclosure;

/// <summary>
/// What each recorded outcome means to the resident, in the plain Japanese of a municipal notice. The one place where
/// these words are chosen; reason codes stay beside them for staff.
/// </summary>
public static class DisclosureWording
{
    public static string Outcome(RecordDirection direction, ProvisionOutcome outcome, string reason) => (direction, outcome) switch
    {
        (RecordDirection.Incoming, ProvisionOutcome.Provided) => "情報を提供しました。",
        (RecordDirection.Incoming, ProvisionOutcome.Held) => "職員が確認するため、回答を保留しました。",
        (RecordDirection.Incoming, _) when reason == ErrorReasons.NoData => "該当する情報がなかったため、提供していません。",
        (RecordDirection.Incoming, _) => "提供していません。",
        (RecordDirection.Outgoing, ProvisionOutcome.Provided) => "情報の提供を受けました。",
        (RecordDirection.Outgoing, ProvisionOutcome.Held) => "相手の機関で確認中のため、回答を待っています。",
        (RecordDirection.Outgoing, _) when reason == ErrorReasons.NoData => "該当する情報がなく、提供を受けていません。",
        _ => "提供を受けていません。",
    };

    public static string Summary(RecordDirection direction, string otherInstitution, string informationName) => direction == RecordDirection.Incoming
        ? $"{otherInstitution}からの照会を受け、あなたの{informationName}について回答しました。"
        : $"{otherInstitution}に、あなたの{informationName}を照会しました。";
}
