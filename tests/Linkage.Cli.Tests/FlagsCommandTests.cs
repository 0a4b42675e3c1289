using System.Text.Json;
using Linkage.Domain.Staff;
using static Linkage.Testing.TestNetwork;

namespace Linkage.Cli.Tests;

/// <summary>flags set | list | clear as an administrator, and what is refused.</summary>
[Collection(SharedNetwork.Name)]
public sealed class FlagsCommandTests(NetworkFixture fixture)
{
    // Nobody of the shared network's population: other tests' inquiries must not be held by this one's flags.
    private const string Person = "082219999990042";

    [Fact]
    public async Task A_flag_set_is_listed_in_force_and_once_cleared_only_with_all()
    {
        var admin = await fixture.SignedInAsync(Roles.Administrator);

        var set = await admin.RunAsync("flags", "set", "--person", Person, "--information-name", Osteoporosis,
            "--reason", "other", "--text", "申出により確認中", "--to", "2099-03-31T00:00:00+09:00", "--json");
        Assert.True(set.ExitCode == ExitCodes.Ok, set.ToString());
        string id;
        using (var document = JsonDocument.Parse(set.Output))
        {
            id = document.RootElement.GetProperty("flagId").GetString()!;
            Assert.Equal("HOLD_FLAG_REASON_OTHER", document.RootElement.GetProperty("reason").GetString());
        }

        var list = await admin.RunAsync("flags", "list", "--person", Person);
        Assert.True(list.ExitCode == ExitCodes.Ok, list.ToString());
        var row = Assert.Single(list.Output.Split('\n'), line => line.Contains(id, StringComparison.Ordinal));
        Assert.Contains("other", row);
        Assert.Contains("2099-03-30 15:00:00Z", row);
        Assert.Contains("in force", row);

        var clear = await admin.RunAsync("flags", "clear", id, "--reason", "confirmed");
        Assert.True(clear.ExitCode == ExitCodes.Ok, clear.ToString());
        Assert.Contains("cleared", clear.Output);
        var again = await admin.RunAsync("flags", "clear", id, "--reason", "confirmed");
        Assert.True(again.ExitCode == ExitCodes.Refused, again.ToString());
        Assert.StartsWith("NotFound HOLD_FLAG_NOT_FOUND: ", again.Error);

        Assert.DoesNotContain(id, (await admin.RunAsync("flags", "list", "--person", Person)).Output);
        var all = await admin.RunAsync("flags", "list", "--all", "--person", Person, "--json");
        using var listed = JsonDocument.Parse(all.Output);
        var cleared = listed.RootElement.GetProperty("flags").EnumerateArray().Single(f => f.GetProperty("flagId").GetString() == id);
        Assert.Equal("confirmed", cleared.GetProperty("clearReason").GetString());
    }

    [Fact]
    public async Task A_malformed_person_is_refused_by_the_gateway_and_an_unknown_reason_by_the_command_line()
    {
        var admin = await fixture.SignedInAsync(Roles.Administrator);

        var malformed = await admin.RunAsync("flags", "set", "--person", "12345", "--reason", "court-order");
        var unknown = await admin.RunAsync("flags", "set", "--person", Person, "--reason", "dislike");
        var noText = await admin.RunAsync("flags", "set", "--person", Person, "--reason", "other");

        Assert.True(malformed.ExitCode == ExitCodes.Refused, malformed.ToString());
        Assert.StartsWith("InvalidArgument MALFORMED_CODE: ", malformed.Error);
        Assert.True(unknown.ExitCode == ExitCodes.Usage, unknown.ToString());
        Assert.True(noText.ExitCode == ExitCodes.Refused, noText.ToString());
        Assert.StartsWith("InvalidArgument MISSING_FIELD: A flag for another reason needs a text", noText.Error);
    }
}
