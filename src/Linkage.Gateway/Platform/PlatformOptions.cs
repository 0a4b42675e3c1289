using System.ComponentModel.DataAnnotations;

namespace Linkage.Gateway.Platform;

/// <summary>
/// A platform node and the institutions it serves. Bound once from the "Platform" section when the node is built (it
/// must know its institutions to build them) and validated there; without the section the process is one
/// institution's gateway.
/// </summary>
public sealed class PlatformOptions
{
    public const string Section = "Platform";

    /// <summary>This node's name among the platform's nodes: in its log events and each institution's.</summary>
    [Required, RegularExpression(Domain.Chains.NodeName.Pattern)] public string NodeId { get; set; } = "";

    /// <summary>
    /// One entry per institution: <c>SettingsFile</c>, the path of its JSON settings, or <c>Settings</c>, a section of
    /// this configuration; either holds what a single gateway's configuration holds (Gateway, Storage, Tls, InstitutionKeys, Checkpoints, ...).
    /// </summary>
    [MinLength(1, ErrorMessage = "A platform node serves at least one institution (Platform:Institutions).")]
    public List<InstitutionEntry> Institutions { get; set; } = [];

    public sealed class InstitutionEntry
    {
        public string? SettingsFile { get; set; }
    }

    /// <summary>The options, or an <see cref="Microsoft.Extensions.Options.OptionsValidationException"/> naming every fault.</summary>
    public static PlatformOptions Read(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var options = section.Get<PlatformOptions>() ?? new PlatformOptions();
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        var failures = results.Select(r => r.ErrorMessage ?? "").ToList();
        var entries = section.GetSection(nameof(Institutions)).GetChildren().ToList();
        foreach (var entry in entries)
        {
            var hasFile = !string.IsNullOrWhiteSpace(entry[nameof(InstitutionEntry.SettingsFile)]);
            if (hasFile == entry.GetSection(InstitutionSettings.InlineSection).Exists())
                failures.Add($"{entry.Path} names either a SettingsFile or a {InstitutionSettings.InlineSection} section, not both or neither.");
        }
        if (failures.Count > 0)
            throw new Microsoft.Extensions.Options.OptionsValidationException(Section, typeof(PlatformOptions), failures);
        return options;
    }
}
