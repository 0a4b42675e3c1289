using Microsoft.Extensions.Options;

namespace Linkage.Gateway.Tests;

/// <summary>A retention below the legal minimum is refused when the gateway starts: never silently raised, never applied.</summary>
public sealed class RetentionSettingsTests
{
    [Theory]
    [InlineData("Retention:ProvisionRecords", "365.00:00:00", "legal minimum")]
    [InlineData("Retention:OperationLog", "2556.00:00:00", "operation log")]
    [InlineData("Retention:DecidedHeld", "00:10:00", "at least a day")]
    public async Task A_gateway_with_a_retention_below_its_minimum_does_not_start(string setting, string value, string said)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            GatewayOnTestServer.StartAsync(new Dictionary<string, string?> { [setting] = value }));

        Assert.Contains(said, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_default_retention_starts_and_the_erasure_job_reports_its_run()
    {
        await using var gateway = await GatewayOnTestServer.StartAsync();
        var board = (Jobs.JobBoard)gateway.Services.GetService(typeof(Jobs.JobBoard))!;

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!board.All.Any(j => j.Name == Jobs.RetentionJob.JobName && j.Outcome != Jobs.JobOutcome.None) && DateTime.UtcNow < deadline)
            await Task.Delay(50);

        var run = Assert.Single(board.All, j => j.Name == Jobs.RetentionJob.JobName);
        Assert.Contains("0 records", run.Detail, StringComparison.Ordinal);
    }
}
