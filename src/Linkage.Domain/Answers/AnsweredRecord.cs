using Linkage.Domain.Copies;

namespace Linkage.Domain.Answers;

/// <summary>One record of a provider's decrypted answer.</summary>
public sealed record AnsweredRecord(string RecordKey, int Version, string ValidFrom, string ValidTo, IReadOnlyList<ItemEntry> Items);
