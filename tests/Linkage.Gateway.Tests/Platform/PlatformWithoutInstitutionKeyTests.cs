using Grpc.Core;
using Linkage.Domain.Errors;
using Linkage.Testing;
using static Linkage.Gateway.Tests.Platform.PlatformNetwork;

namespace Linkage.Gateway.Tests.Platform;

/// <summary>
/// A node given no key-encryption key for one of its institutions serves that institution without its copies and
/// serves the others in full: the key is the institution's to hand over, not the platform's to hold.
/// </summary>
public sealed class PlatformWithoutInstitutionKeyTests
{
    [Fact(Timeout = 180_000)]
    public async Task The_institution_without_its_key_refuses_its_copies_with_the_reason_and_the_others_answer()
    {
        var network = PlatformNetwork.Changed((institution, settings) =>
            institution == Mito ? settings.With(new() { ["InstitutionKeys:KeyFile"] = "" }) : settings);
        try
        {
            await network.InitializeAsync();

            var refused = await Assert.ThrowsAsync<RpcException>(() => network.ProvideableAsync(Mito, 40, "171.0"));
            Assert.Equal((StatusCode.FailedPrecondition, ErrorReasons.InstitutionKeyUnavailable), (refused.StatusCode, refused.Reason()));
            var relayed = await Assert.ThrowsAsync<RpcException>(() => network.ProvideAsync(Mito, network.Permit(Mito, 40, Hitachinaka)));
            Assert.Equal(ErrorReasons.InstitutionKeyUnavailable, relayed.Reason());

            await network.ProvideableAsync(Tsukuba, 40, "164.0");
            Assert.Contains("164.0", network.Open(await network.ProvideAsync(Tsukuba, network.Permit(Tsukuba, 40, Hitachinaka))));
        }
        finally
        {
            await network.DisposeAsync();
        }
    }
}
