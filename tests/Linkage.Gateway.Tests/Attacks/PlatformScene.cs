using Grpc.Core;
using Linkage.Contracts.V1;
using Linkage.Domain.Staff;
using Linkage.Gateway.Jobs;
using Linkage.Gateway.Tests.Platform;
using Linkage.Testing;
using Linkage.Transport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using static Linkage.Gateway.Tests.Platform.PlatformNetwork;

namespace Linkage.Gateway.Tests.Attacks;

/// <summary>
/// Hitachinaka, Mito and Tsukuba on one platform node, each with its own database, and a resident Hitachinaka can
/// provide. Every institution seals its chains once a day and sweeps sessions once an hour, so that only the attacks
/// write while they are counted; all three databases are counted.
/// </summary>
public sealed class PlatformScene : IAsyncLifetime, IAttackScene
{
    public const int Resident = 30;

    public static readonly IReadOnlyDictionary<string, string> Labels = new Dictionary<string, string>
        { [Hitachinaka] = "hitachinaka", [Mito] = "mito", [Tsukuba] = "tsukuba" };

    private readonly Dictionary<(string, string), string> _tokens = [];

    public PlatformNetwork Network { get; } = PlatformNetwork.Changed((_, settings) =>
    {
        settings["Checkpoints:Interval"] = "1.00:00:00";
        settings["Staff:SweepInterval"] = "01:00:00";
        return settings;
    });

    public string Home => Labels[Hitachinaka];

    public async Task InitializeAsync()
    {
        await Network.InitializeAsync();
        await Network.ProvideableAsync(Hitachinaka, Resident, "150.5");
        // Every chain holds entries before the attacks (a chain's first entry is sealed at once, whenever that is): a
        // provision record at each institution (provided at Hitachinaka, no symbol elsewhere), sign-ins in each log.
        foreach (var institution in Institutions) await Network.ProvideAsync(institution, Network.Permit(institution, Resident, Mito));
        foreach (var institution in Institutions)
        {
            Network.BackOffice(institution, Roles.HealthSystem);
            Network.BackOffice(institution, Roles.AddressSystem);
            foreach (var role in Roles.Staff) TokenOf(institution, role);
        }
        await SettleAsync();
    }

    public async Task DisposeAsync() => await Network.DisposeAsync();

    /// <summary>The session token of <paramref name="institution"/>'s staff member of <paramref name="role"/>, signed in once.</summary>
    public string TokenOf(string institution, string role)
    {
        if (!_tokens.TryGetValue((institution, role), out var token))
        {
            var (name, peer) = Network.RegisteredStaff(institution, role);
            _tokens[(institution, role)] = token = new Contracts.V1.Staff.StaffClient(Network.Channel(name, peer)).SignIn(new SignInRequest()).Token;
        }
        return token;
    }

    /// <summary>The certificate of <paramref name="institution"/>'s staff member of <paramref name="role"/>, presenting <paramref name="token"/>.</summary>
    public CallInvoker StaffWith(string institution, string role, string token, string? audience = null)
    {
        var (name, peer) = Network.RegisteredStaff(institution, role);
        var channel = Network.Channel(name, peer, token);
        return audience is null ? channel.CreateCallInvoker() : WithAudience(channel, audience);
    }

    public CallInvoker System(string institution, string role, string? audience = null)
    {
        var channel = Network.BackOffice(institution, role);
        return audience is null ? channel.CreateCallInvoker() : WithAudience(channel, audience);
    }

    public CallInvoker Certificate(string name, PeerIdentity peer) => Network.Channel(name, peer).CreateCallInvoker();

    public RowCounts CountRows() => RowCounts.Take(Institutions.Select(i => (Labels[i], (Func<System.Data.Common.DbConnection>)(() => Network.ConnectTo(i)))));

    public string? NewestReason(string database, string table)
    {
        using var connection = Network.ConnectTo(Labels.Single(l => l.Value == database).Key);
        return GatewayScene.NewestReasonIn(connection, table);
    }

    /// <summary>Seals every institution's chains now, then waits until two counts a second and a half apart agree.</summary>
    private async Task SettleAsync()
    {
        foreach (var institution in Institutions)
            await Network.Institution(institution).Services.GetServices<IHostedService>().OfType<CheckpointJob>().Single()
                .RunOnceAsync(schedule: null, CancellationToken.None);
        await AttackRunner.WaitUntilQuietAsync(this);
    }
}
