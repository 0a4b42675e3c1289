using Linkage.Gateway.Platform;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Linkage.Gateway.Tests.Platform;

/// <summary>A node's own settings are checked before any institution is started: each fault is named.</summary>
public sealed class PlatformOptionsTests
{
    [Fact]
    public void A_node_without_an_id_or_institutions_is_refused_naming_both()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Create(new() { ["Platform:Port"] = "1" }));
        Assert.Contains(error.Failures, f => f.Contains("NodeId", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("Platform:Institutions", StringComparison.Ordinal));
    }

    [Fact]
    public void An_entry_with_both_a_settings_file_and_a_section_or_with_neither_is_refused()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Create(new()
        {
            ["Platform:NodeId"] = "node-1",
            ["Platform:Institutions:0:SettingsFile"] = "a.json",
            ["Platform:Institutions:0:Settings:Gateway:InstitutionCode"] = "1000082210000000",
            ["Platform:Institutions:1:Name"] = "neither",
        }));
        Assert.Equal(2, error.Failures.Count(f => f.Contains("names either a SettingsFile or a Settings section", StringComparison.Ordinal)));
    }

    [Fact]
    public void An_institution_named_twice_is_refused_with_its_code()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Create(new()
        {
            ["Platform:NodeId"] = "node-1",
            ["Platform:Institutions:0:Settings:Gateway:InstitutionCode"] = "1000082210000000",
            ["Platform:Institutions:1:Settings:Gateway:InstitutionCode"] = "1000082210000000",
            ["Platform:Institutions:2:Settings:Gateway:InstitutionCode"] = "1000082015000000",
        }));
        Assert.Contains("1000082210000000", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("1000082015000000", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_command_line_decides_whether_the_process_is_a_node()
    {
        Assert.True(PlatformNode.IsConfigured(["--Platform:NodeId=node-1"]));
        Assert.False(PlatformNode.IsConfigured(["--Gateway:InstitutionCode=1000082210000000"]));
    }

    /// <summary>Builds a node; the faults these tests make are found before anything would need disposing.</summary>
    private static Microsoft.AspNetCore.Builder.WebApplication Create(Dictionary<string, string?> settings) => PlatformNode.Create([], builder =>
    {
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(settings);
    });
}
