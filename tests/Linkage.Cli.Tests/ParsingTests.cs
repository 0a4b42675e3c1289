using Linkage.Cli.Commands;

namespace Linkage.Cli.Tests;

/// <summary>What the command line does before it connects anywhere: usage errors, help, and the scripts' calls.</summary>
public sealed class ParsingTests
{
    [Fact]
    public async Task No_command_is_a_usage_error()
    {
        var run = await CliRun.RunAsync();
        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("Required command was not provided", run.Error);
        Assert.Contains("verify", run.Error);
        Assert.Equal("", run.Output);
    }

    [Fact]
    public async Task A_missing_required_option_is_a_usage_error_that_names_it()
    {
        var run = await CliRun.RunAsync("stats", "--gateway", "https://localhost:1");
        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("--cert", run.Error);
        Assert.Contains("stats --help", run.Error);
    }

    [Fact]
    public async Task A_number_that_is_not_one_is_a_usage_error()
    {
        var run = await CliRun.RunAsync("records", "--gateway", "https://localhost:1", "--cert", "x", "--count", "many");
        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("many", run.Error);
    }

    [Fact]
    public async Task An_unknown_command_is_a_usage_error()
    {
        var run = await CliRun.RunAsync("explode");
        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("explode", run.Error);
    }

    [Theory]
    [InlineData("stats", "--gateway")]
    [InlineData("records", "--after")]
    [InlineData("verify", "--cert")]
    [InlineData("health", "--address")]
    [InlineData("inquire", "--person")]
    [InlineData("dev-certs", "--dir")]
    [InlineData("dev-certs", "revoke")]
    [InlineData("signin", "--session-file")]
    [InlineData("signout", "--session-file")]
    [InlineData("whoami", "--json")]
    [InlineData("staff add", "--information-name")]
    [InlineData("staff list", "--all")]
    [InlineData("staff deactivate", "--reason")]
    [InlineData("staff bind", "--certificate")]
    [InlineData("systems add", "--role")]
    [InlineData("systems deactivate", "--reason")]
    [InlineData("certificates unbind", "THUMBPRINT")]
    [InlineData("operations", "--rpc")]
    [InlineData("records disclose", "--csv")]
    [InlineData("records withhold", "--reason")]
    [InlineData("bootstrap-admin", "--database")]
    [InlineData("review list", "--deadline-before")]
    [InlineData("review list", "--page-token")]
    [InlineData("review show", "HELD_ID")]
    [InlineData("review preview", "HELD_ID")]
    [InlineData("review approve", "--comment")]
    [InlineData("review decline", "support-measure")]
    [InlineData("review extend", "--deadline")]
    [InlineData("jobs", "retry")]
    [InlineData("result", "INQUIRY_ID")]
    [InlineData("jobs retry", "HELD_ID")]
    public async Task Every_command_has_help(string command, string option)
    {
        var run = await CliRun.RunAsync([.. command.Split(' '), "--help"]);
        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        Assert.Contains("Usage:", run.Output);
        Assert.Contains(command, run.Output);
        Assert.Contains(option, run.Output);
    }

    [Fact]
    public async Task The_root_help_lists_every_command()
    {
        var run = await CliRun.RunAsync("--help");
        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        foreach (var command in new[] { "signin", "signout", "whoami", "staff", "systems", "certificates", "bootstrap-admin", "stats",
            "records", "operations", "review", "tickets", "jobs", "verify", "health", "inquire", "dev-certs" })
            Assert.Contains(command, run.Output);
    }

    /// <summary>The calls in scripts/try.sh, scripts/run-local.sh and certs-dev/make-certs.sh, parsed but not run.</summary>
    [Theory]
    [InlineData("inquire --gateway https://localhost:7200 --cert certs-dev/health-mito --person 082011254829017 --provider 1000082210000000 --information TM00000000013903")]
    [InlineData("health --address https://localhost:7100 --cert certs-dev/hub")]
    [InlineData("stats --gateway https://localhost:7100 --cert certs-dev/staff-admin")]
    [InlineData("stats --from 2026-04-01 --to 2027-03-31 --gateway https://localhost:7100 --cert certs-dev/staff-admin")]
    [InlineData("verify --gateway https://localhost:7100 --cert certs-dev/staff-auditor")]
    [InlineData("dev-certs --dir certs-dev")]
    [InlineData("dev-certs revoke staff-reviewer --dir certs-dev")]
    [InlineData("dev-certs revoke staff-reviewer")]
    [InlineData("bootstrap-admin --database .run/data/hitachinaka.db --institution 1000082210000000 --id staff-0002 --name x --certificate certs-dev/staff-admin.pem")]
    [InlineData("signin --gateway https://localhost:7100 --cert certs-dev/staff-admin --session-file .run/sessions/hitachinaka-admin")]
    [InlineData("staff add --gateway https://localhost:7100 --cert certs-dev/staff-admin --id staff-0003 --name x --role auditor --certificate certs-dev/staff-auditor.pem")]
    [InlineData("systems add --gateway https://localhost:7200 --cert certs-dev/staff-admin-mito --id health-mito --name x --role health-system --certificate certs-dev/health-mito.pem")]
    [InlineData("staff list --json --gateway https://localhost:7100 --cert certs-dev/staff-admin")]
    [InlineData("operations --from 2026-04-01T00:00:00+09:00 --to 2026-04-02 --gateway https://localhost:7100 --cert certs-dev/staff-auditor")]
    public void The_scripts_command_lines_parse(string line)
    {
        using var output = new StringWriter();
        var parsed = CliApp.Create(new Terminal(output, output)).Parse(line.Split(' '));
        Assert.Empty(parsed.Errors);
    }

    /// <summary>The review and jobs command lines as the README shows them, parsed but not run.</summary>
    [Theory]
    [InlineData("review list --state waiting --state first-approval --information-name TM00000000013903 --inquirer 1000082010000000 --deadline-before 2026-04-01T00:00:00+09:00 --page-size 50 --page-token abc --gateway https://localhost:7100 --cert certs-dev/staff-reviewer")]
    [InlineData("review approve p-1 --comment ok --gateway https://localhost:7100 --cert certs-dev/staff-reviewer")]
    [InlineData("review decline p-1 --reason other --text why --gateway https://localhost:7100 --cert certs-dev/staff-reviewer")]
    [InlineData("review extend p-1 --deadline 2026-04-30 --reason asked --gateway https://localhost:7100 --cert certs-dev/staff-admin")]
    [InlineData("jobs retry p-1 --gateway https://localhost:7100 --cert certs-dev/staff-admin")]
    public void The_review_command_lines_parse(string line)
    {
        using var output = new StringWriter();
        var parsed = CliApp.Create(new Terminal(output, output)).Parse(line.Split(' '));
        Assert.Empty(parsed.Errors);
    }

    [Theory]
    [InlineData("staff add --gateway https://localhost:1 --cert x --id a --name b --role mayor --certificate c.pem", "mayor")]
    [InlineData("staff add --gateway https://localhost:1 --cert x --id a --name b --role auditor", "--certificate")]
    [InlineData("systems add --gateway https://localhost:1 --cert x --id a --name b --role reviewer --certificate c.pem", "reviewer")]
    [InlineData("staff deactivate --gateway https://localhost:1 --cert x a", "--reason")]
    [InlineData("verify --chain everything --gateway https://localhost:1 --cert x", "everything")]
    [InlineData("operations --from yesterday --gateway https://localhost:1 --cert x", "yesterday")]
    [InlineData("stats --from 2026-11-31 --gateway https://localhost:1 --cert x", "2026-11-31")]
    [InlineData("bootstrap-admin --database d --institution 123 --id a --name b --certificate c.pem", "16-digit")]
    [InlineData("review list --state pending --gateway https://localhost:1 --cert x", "pending")]
    [InlineData("review list --deadline-before soon --gateway https://localhost:1 --cert x", "soon")]
    [InlineData("review decline p-1 --gateway https://localhost:1 --cert x", "--reason")]
    [InlineData("review decline p-1 --reason dislike --gateway https://localhost:1 --cert x", "dislike")]
    [InlineData("review approve --gateway https://localhost:1 --cert x", "HELD_ID")]
    [InlineData("review extend p-1 --reason r --gateway https://localhost:1 --cert x", "--deadline")]
    public async Task Bad_arguments_are_usage_errors_that_name_them(string line, string named)
    {
        var run = await CliRun.RunAsync(line.Split(' '));
        Assert.True(run.ExitCode == ExitCodes.Usage, run.ToString());
        Assert.Contains(named, run.Error);
        Assert.Equal("", run.Output);
    }

    [Fact]
    public async Task Missing_certificate_files_are_a_failure_without_a_stack_trace()
    {
        var run = await CliRun.RunAsync("stats", "--gateway", "https://localhost:1", "--cert", Path.Combine(Path.GetTempPath(), "no-such-cert"));
        Assert.Equal(ExitCodes.Failure, run.ExitCode);
        Assert.Contains("no-such-cert.pem", run.Error);
        Assert.DoesNotContain("   at ", run.Error);
    }

    [Fact]
    public async Task Dev_certs_makes_the_authority_and_keeps_what_exists()
    {
        var folder = Directory.CreateTempSubdirectory("linkage-cli-test-").FullName;
        try
        {
            var first = await CliRun.RunAsync("dev-certs", "--dir", folder);
            Assert.True(first.ExitCode == ExitCodes.Ok, first.ToString());
            Assert.Contains("ca.pem", first.Output);
            Assert.True(File.Exists(Path.Combine(folder, "staff-admin.pem")));
            var second = await CliRun.RunAsync("dev-certs", "--dir", folder);
            Assert.Equal(ExitCodes.Ok, second.ExitCode);
            Assert.Equal("", second.Output);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
