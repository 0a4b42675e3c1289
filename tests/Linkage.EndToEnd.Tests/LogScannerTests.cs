using Linkage.Testing.LogScan;

namespace Linkage.EndToEnd.Tests;

/// <summary>
/// The scanner of `make log-scan` (scripts/log-scan.sh): a scan that cannot see a value would pass every log, so each
/// kind is planted in a log and must be found, where it is, by kind, and never printed.
/// </summary>
public sealed class LogScannerTests : IDisposable
{
    private const string Person = "082210123456789";
    private const string Symbol = "3F2A9C0D4E5B6A7180F1E2D3C4B5A697";
    private const string Weight = "53.4";
    private readonly string _folder = Directory.CreateTempSubdirectory("log-scanner-").FullName;

    [Fact]
    public void Every_kind_planted_in_a_log_is_found_on_its_line()
    {
        var log = Log("gateway.log",
            "10:00:00 INF [gateway] Started",
            $"10:00:01 INF [gateway] Acquired {Symbol.ToLowerInvariant()} for person={Person}.",
            "10:00:02 INF [registry] Redeemed for 佐藤　翔 (サトウ ショウ) 123456789018 at 茨城県ひたちなか市東石川2丁目3番4号",
            $"10:00:03 DBG [gateway] answer {{\"value\":\"{Weight}\"}} and 要精密検査");

        var report = new LogScanner(Values()).Scan([log]);

        Assert.Equal(4, Assert.Single(report.Logs).Lines);
        Assert.Equal(
            [
                $"{log}:2: {SensitiveValues.InternalAddressNumber}", $"{log}:2: {SensitiveValues.Symbol}",
                $"{log}:3: {SensitiveValues.Address}", $"{log}:3: {SensitiveValues.IndividualNumber}", $"{log}:3: {SensitiveValues.Name}",
                $"{log}:4: {SensitiveValues.PayloadValue}",
            ],
            report.Findings.Select(f => f.ToString()));
        Assert.All(report.Findings, f => Assert.DoesNotContain(Values().All, v => f.ToString().Contains(v.Value, StringComparison.OrdinalIgnoreCase)));
    }

    [Theory]
    [InlineData("Request finished in 153.41ms")]
    [InlineData("version 53.45 of the list")]
    [InlineData("sequence 1082210123456789")]
    [InlineData("key 3F2A9C0D4E5B6A7180F1E2D3C4B5A6970")]
    public void A_number_inside_a_longer_token_is_not_the_value(string line) =>
        Assert.Empty(new LogScanner(Values()).KindsIn(line));

    [Theory]
    [InlineData("weight=53.4.", SensitiveValues.PayloadValue)]
    [InlineData("[082210123456789]", SensitiveValues.InternalAddressNumber)]
    [InlineData("person:082210123456789,", SensitiveValues.InternalAddressNumber)]
    public void A_value_between_punctuation_is_found(string line, string kind) =>
        Assert.Equal([kind], new LogScanner(Values()).KindsIn(line));

    [Fact]
    public void Values_too_short_to_tell_from_other_numbers_are_counted_not_searched()
    {
        var values = new SensitiveValues();
        values.Add(SensitiveValues.PayloadValue, "1");
        values.Add(SensitiveValues.PayloadValue, "1");
        values.Add(SensitiveValues.PayloadValue, "25");
        values.Add(SensitiveValues.PayloadValue, "61.2");

        Assert.Equal(2, values.TooShortByKind[SensitiveValues.PayloadValue]);
        Assert.Equal("61.2", Assert.Single(values.All).Value);
        Assert.Empty(new LogScanner(values).KindsIn("1 of 25 done"));
    }

    [Fact]
    public void Values_survive_the_file_between_collect_and_scan()
    {
        var path = Path.Combine(_folder, "values.tsv");
        var values = Values();
        values.Add(SensitiveValues.PayloadValue, "3");
        values.Save(path);

        var loaded = SensitiveValues.Load(path);

        Assert.Equal(values.All.OrderBy(v => v.Value, StringComparer.Ordinal), loaded.All.OrderBy(v => v.Value, StringComparer.Ordinal));
        Assert.Equal(values.TooShortByKind, loaded.TooShortByKind);
    }

    [Fact]
    public void An_expected_event_must_be_in_the_named_log()
    {
        var hub = Log("hub.log", "10:00:00 INF [hub] Refused /linkage.network.v1.ProvisionNetwork/RequestPermit with SYMBOL_UNKNOWN");
        var gateway = Log("gateway.log", "10:00:00 INF [gateway] Started");

        Assert.True(LogExpectation.Parse("hub.log=Refused /linkage").IsMetBy([hub, gateway]));
        Assert.False(LogExpectation.Parse("gateway.log=Refused /linkage").IsMetBy([hub, gateway]));
        Assert.False(LogExpectation.Parse("registry.log=Started").IsMetBy([hub, gateway]));
        Assert.Throws<FormatException>(() => LogExpectation.Parse("hub.log"));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static SensitiveValues Values()
    {
        var values = new SensitiveValues();
        values.Add(SensitiveValues.InternalAddressNumber, Person);
        values.Add(SensitiveValues.Symbol, Symbol);
        values.Add(SensitiveValues.IndividualNumber, "123456789018");
        values.Add(SensitiveValues.Name, "佐藤　翔");
        values.Add(SensitiveValues.Address, "茨城県ひたちなか市東石川2丁目3番4号");
        values.Add(SensitiveValues.PayloadValue, Weight);
        values.Add(SensitiveValues.PayloadValue, "要精密検査");
        return values;
    }

    private string Log(string name, params string[] lines)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllLines(path, lines);
        return path;
    }
}
