namespace Linkage.Domain.Records;

/// <summary>
/// What must be written in the same transaction as a record, or not at all: a held response with the record that says
/// it was held, a decision with its record and its outgoing answer. The record writer applies it; when it cannot (a
/// decision that another came before), neither the record nor the attachment is written and the append fails with
/// the attachment's refusal.
/// </summary>
public abstract record RecordAttachment;
