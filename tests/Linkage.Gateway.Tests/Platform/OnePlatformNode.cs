namespace Linkage.Gateway.Tests.Platform;

/// <summary>The platform tests share one node of three institutions; each test uses residents of its own.</summary>
[CollectionDefinition(Name)]
public sealed class OnePlatformNode : ICollectionFixture<PlatformNetwork>
{
    public const string Name = "platform node";
}
