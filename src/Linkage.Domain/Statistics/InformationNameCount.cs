namespace Linkage.Domain.Statistics;

/// <summary>How many of something (current copies) one information name has.</summary>
public sealed record InformationNameCount(string InformationName, long Count);
