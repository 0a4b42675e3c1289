using Linkage.Domain.Answers;
using Linkage.Domain.Records;

namespace Linkage.Domain.Statistics;

/// <summary>How many provision records one day in Japan holds with one direction, outcome, inquirer and information name.</summary>
public sealed record ExchangeCount(
    DateOnly Day, RecordDirection Direction, ProvisionOutcome Outcome, string InquirerInstitution, string InformationName, long Count);
