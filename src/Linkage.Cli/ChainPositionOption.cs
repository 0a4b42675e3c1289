using System.CommandLine;
using System.Globalization;
using Linkage.Domain.Chains;

namespace Linkage.Cli;

/// <summary>
/// --after NODE:SEQ, where a page of records or operations starts: after the last row of the previous page. Each gateway
/// node of an institution keeps chains of its own, so a sequence number alone names no row.
/// </summary>
public static class ChainPositionOption
{
    public static Option<string?> Create(string what)
    {
        var option = new Option<string?>("--after") { Description = $"List the {what} after this one, NODE:SEQ (the last row of the previous page)" };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } value && Parse(value) is null)
                result.AddError("--after takes NODE:SEQ, e.g. node-1:120.");
        });
        return option;
    }

    /// <summary>The node and sequence of NODE:SEQ; null when it is not that; ("", 0) for no value: the first page.</summary>
    public static (string Node, long Sequence)? Parse(string? value)
    {
        if (value is null) return ("", 0);
        var colon = value.LastIndexOf(':');
        return colon > 0 && NodeName.IsValid(value[..colon])
            && long.TryParse(value[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
            ? (value[..colon], sequence) : null;
    }
}
