using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Linkage.Contracts.Network.V1;
using Linkage.Crypto;
using Linkage.Network.Sim;
using Microsoft.Extensions.DependencyInjection;
using static Linkage.Testing.TestNetwork;

namespace Linkage.Testing;

/// <summary>
/// Plays the hub towards a provider gateway: builds permits as the hub would (valid by default), lets a test change
/// any field, and signs them with the hub's key or another one.
/// </summary>
public sealed class PermitForge(TestNetwork network)
{
    public X25519KeyPair InquirerKeys { get; } = X25519KeyPair.Generate();

    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, string> _symbols = new();

    /// <summary>
    /// Hitachinaka's symbol for a resident, as the hub derives it; kept once derived, so that permits can still be made
    /// while the hub is stopped.
    /// </summary>
    public string ProviderSymbol(int resident) => _symbols.GetOrAdd(resident, r =>
        network.Hub.Services.GetRequiredService<SymbolDerivation>().SymbolFor(Hitachinaka, network.Population.ResidentCodeOf(r)));

    public Permit Permit(int resident, string informationName = Osteoporosis)
    {
        var now = DateTimeOffset.UtcNow;
        return new Permit
        {
            PermitId = Guid.NewGuid().ToString("N"),
            InquiryId = Guid.NewGuid().ToString("N"),
            InquirerInstitutionCode = Mito,
            ProviderInstitutionCode = Hitachinaka,
            AffairCode = Affair,
            ProcedureCode = Procedure,
            InformationNameCode = informationName,
            ProviderSymbol = ProviderSymbol(resident),
            InquirerPublicKey = ByteString.CopyFrom(InquirerKeys.PublicKey),
            IssuedAt = Timestamp.FromDateTimeOffset(now),
            ExpiresAt = Timestamp.FromDateTimeOffset(now.AddMinutes(2)),
            ListVersion = ListVersion,
            LegalBasis = LegalBasis,
            Route = new Route { Relay = "test", ReplyToInstitutionCode = Mito },
        };
    }

    public SignedPermit Sign(Permit permit, byte[]? key = null, string keyId = HubKeyId) => Sign(permit.ToByteArray(), key, keyId);

    public SignedPermit Sign(byte[] permitBytes, byte[]? key = null, string keyId = HubKeyId) => new()
    {
        Permit = ByteString.CopyFrom(permitBytes),
        Signature = ByteString.CopyFrom(new Ed25519SignatureSigner(key ?? network.HubSigningKey, keyId).Sign(permitBytes)),
        KeyId = keyId,
    };

    /// <summary>The inquiry as the hub relays it: header taken from the permit unless the test says otherwise.</summary>
    public static RelayedInquiry Inquiry(Permit permit, SignedPermit signedPermit) => new()
    {
        Permit = signedPermit,
        InquiryId = permit.InquiryId,
        AffairCode = permit.AffairCode,
        ProcedureCode = permit.ProcedureCode,
        InformationNameCode = permit.InformationNameCode,
    };
}
