using System.ComponentModel.DataAnnotations;
using Linkage.Domain.Retention;

namespace Linkage.Gateway.Options;

/// <summary>How long each kind of data is kept (section "Retention"); a period below the legal minimum stops the start.</summary>
public sealed class RetentionOptions : IValidatableObject
{
    public const string Section = "Retention";

    public TimeSpan ProvisionRecords { get; set; } = RetentionSettings.Default.ProvisionRecords;
    public TimeSpan OperationLog { get; set; } = RetentionSettings.Default.OperationLog;
    public TimeSpan SupersededCopies { get; set; } = RetentionSettings.Default.SupersededCopies;
    public TimeSpan DecidedHeld { get; set; } = RetentionSettings.Default.DecidedHeld;
    public TimeSpan PickedUpResults { get; set; } = RetentionSettings.Default.PickedUpResults;

    /// <summary>How often the erasure pass runs.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")] public TimeSpan Interval { get; set; } = TimeSpan.FromDays(1);

    public RetentionSettings ToSettings() => new(ProvisionRecords, OperationLog, SupersededCopies, DecidedHeld, PickedUpResults);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        ToSettings().Problems().Select(problem => new ValidationResult(problem));
}
