using Linkage.Gateway.Options;

namespace Linkage.Gateway.Platform;

/// <summary>
/// The configuration of one institution on a platform node, in three layers: the node's own configuration (what all
/// its institutions share: the hub, logging, limits), then the institution's settings file or section (who it is,
/// its database, keys and certificate), then what the node decides for all of them (its console's address, and the
/// institution's and node's names on every log event).
/// </summary>
public static class InstitutionSettings
{
    /// <summary>The name of an entry's inline section: Platform:Institutions:N:Settings.</summary>
    public const string InlineSection = "Settings";

    /// <summary>How the node's log names an entry before its institution code is known.</summary>
    public static string Describe(IConfigurationSection entry) =>
        entry[nameof(PlatformOptions.InstitutionEntry.SettingsFile)] is { Length: > 0 } file ? $"{entry.Path} ({file})" : entry.Path;

    /// <summary>Replaces <paramref name="target"/>'s sources with the three layers; returns the institution code it names.</summary>
    public static string Apply(ConfigurationManager target, IConfiguration node, IConfigurationSection entry, string nodeId)
    {
        // Copies, not chained sources: a gateway writes to its configuration (the console adds its URL to Urls), and a
        // write through a chained source would land in the node's configuration and in every other institution's.
        target.Sources.Clear();
        target.AddInMemoryCollection(node.AsEnumerable());
        if (entry[nameof(PlatformOptions.InstitutionEntry.SettingsFile)] is { Length: > 0 } file)
            target.AddJsonFile(Path.GetFullPath(file), optional: false, reloadOnChange: false);
        else
            target.AddInMemoryCollection(entry.GetSection(InlineSection).AsEnumerable(makePathsRelative: true));

        var code = target[$"{GatewayOptions.Section}:{nameof(GatewayOptions.InstitutionCode)}"];
        if (code is not { Length: 16 } || !code.All(char.IsAsciiDigit))
            throw new InvalidOperationException($"{Describe(entry)} has no 16-digit Gateway:InstitutionCode.");
        target.AddInMemoryCollection(new Dictionary<string, string?>
        {
            // One console port for the node; each page goes to the institution of the browser's staff certificate.
            [$"{ConsoleOptions.Section}:{nameof(ConsoleOptions.Url)}"] = node[$"{ConsoleOptions.Section}:{nameof(ConsoleOptions.Url)}"],
            // Each institution's chains on this node are this node's: one node name for all it serves.
            [$"{GatewayOptions.Section}:NodeId"] = nodeId,
            ["Serilog:Properties:Institution"] = code,
            ["Serilog:Properties:Node"] = nodeId,
        });
        return code;
    }
}
