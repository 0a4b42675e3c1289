namespace Linkage.LogScan;

/// <summary>
/// Where the personal data of a demo run is: the synthetic residents it seeded (by the population's default seed),
/// the municipalities' prefixes of internal address numbers, the institutions that got symbols, the gateways'
/// databases, the hub's symbol secret, and the provider gateway that holds the copies with a health system's
/// certificate that may read them.
/// </summary>
public sealed record DemoSources(
    int Residents,
    IReadOnlyList<string> Prefixes,
    IReadOnlyList<string> Institutions,
    IReadOnlyList<string> Databases,
    string HubSymbolSecretFile,
    string CopiesDatabase,
    string CopiesGateway,
    string CopiesCertificate);
