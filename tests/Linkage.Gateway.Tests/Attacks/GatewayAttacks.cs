using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Linkage.Contracts.Network.V1;
using Linkage.Contracts.V1;
using Linkage.Crypto;
using Linkage.Domain.Staff;
using Linkage.Testing;
using Linkage.Transport;
using static Linkage.Testing.TestNetwork;

namespace Linkage.Gateway.Tests.Attacks;

/// <summary>The words the gateway corpus is written in: its callers, and the messages they send.</summary>
public static class GatewayAttacks
{
    // Callers.
    public static readonly AttackCaller<GatewayScene> Hub = new("the hub", s => Task.FromResult(s.Hub));
    public static readonly AttackCaller<GatewayScene> OurHealthSystem = new("our health system", s => Task.FromResult(s.HealthSystem));
    public static readonly AttackCaller<GatewayScene> OurAddressSystem = new("our address system", s => Task.FromResult(s.AddressSystem));

    public static readonly AttackCaller<GatewayScene> HubWithoutSendLimit =
        new("the hub, its client sending past the limit", s => Task.FromResult(s.WithoutSendLimit("hub-as-client", HubPeer)));

    public static readonly AttackCaller<GatewayScene> OurHealthSystemWithoutSendLimit = new("our health system, its client sending past the limit", s =>
    {
        _ = s.HealthSystem; // registered before its certificate is used
        return Task.FromResult(s.WithoutSendLimit(OurHealthSystemCertificate, OurHealthSystemPeer));
    });

    public static PeerIdentity HubPeer => new(HubCode, Roles.Network, "provision-network");

    public static AttackCaller<GatewayScene> HubNaming(string audience) => new($"the hub naming {audience}", s => Task.FromResult(s.HubFor(audience)));

    public static AttackCaller<GatewayScene> OurStaff(string role) => new($"our {role} in session", s => Task.FromResult(s.Staff(role)));

    public static AttackCaller<GatewayScene> StaffWithoutSession(string role) =>
        new($"our {role}'s certificate without a session", s => Task.FromResult(s.StaffCertificate(role).CreateCallInvoker()));

    /// <summary>A certificate of our authority for <paramref name="peer"/> that nobody registered (or another institution's).</summary>
    public static AttackCaller<GatewayScene> Certificate(string name, PeerIdentity peer) =>
        new($"the {peer.Role} certificate '{name}' of {peer.InstitutionCode}", s => Task.FromResult(s.Invoker(name, peer)));

    public static AttackCaller<GatewayScene> TokenWith(string certificateRole, Func<GatewayScene, string> token, string whose) =>
        new($"our {certificateRole}'s certificate with {whose}", s => Task.FromResult(s.WithToken(certificateRole, token(s)).CreateCallInvoker()));

    /// <summary>A system's or the hub's certificate presenting a staff member's live token.</summary>
    public static AttackCaller<GatewayScene> CertificateWithStaffToken(string name, PeerIdentity peer, string tokenRole) =>
        new($"the {peer.Role} certificate with our {tokenRole}'s token", s =>
        {
            _ = s.HealthSystem; // registered before its certificate is used
            return Task.FromResult(s.Network.SessionChannel(s.Network.Hitachi, name, peer, s.TokenOf(tokenRole)).CreateCallInvoker());
        });

    /// <summary>A certificate presented in the handshake whatever it is; made fresh for the attack.</summary>
    public static AttackCaller<GatewayScene> Handshake(string description, Func<GatewayScene, System.Security.Cryptography.X509Certificates.X509Certificate2> make) =>
        new(description, s => Task.FromResult(s.Presenting(make(s))));

    public static PeerIdentity OurHealthSystemPeer => new(Hitachinaka, Roles.HealthSystem, "health-management");
    public static string OurHealthSystemCertificate => $"{Roles.HealthSystem}-{Hitachinaka}";

    // Messages.
    public static AttackMessage<GatewayScene> Message(string description, Func<GatewayScene, IMessage> make) =>
        new(description, s => Task.FromResult<IReadOnlyList<byte[]>>([make(s).ToByteArray()]));

    public static AttackMessage<GatewayScene> Bytes(string description, Func<GatewayScene, byte[]> make) =>
        new(description, s => Task.FromResult<IReadOnlyList<byte[]>>([make(s)]));

    public static AttackMessage<GatewayScene> Stream(string description, Func<GatewayScene, IEnumerable<IMessage>> make) =>
        new(description, s => Task.FromResult<IReadOnlyList<byte[]>>(make(s).Select(m => m.ToByteArray()).ToList()));

    /// <summary>An inquiry for the provideable resident as the hub relays it, its permit changed before signing.</summary>
    public static AttackMessage<GatewayScene> Inquiry(string description, Action<Permit>? permit = null,
        Func<GatewayScene, Permit, SignedPermit>? sign = null, Action<GatewayScene, Permit, SignedPermit>? afterSigning = null, Action<RelayedInquiry>? header = null) =>
        Message(description, s => InquiryOf(s, permit, sign, afterSigning, header));

    public static RelayedInquiry InquiryOf(GatewayScene s, Action<Permit>? permit = null, Func<GatewayScene, Permit, SignedPermit>? sign = null,
        Action<GatewayScene, Permit, SignedPermit>? afterSigning = null, Action<RelayedInquiry>? header = null)
    {
        var claims = s.Forge.Permit(GatewayScene.Resident);
        permit?.Invoke(claims);
        var signed = sign?.Invoke(s, claims) ?? s.Forge.Sign(claims);
        afterSigning?.Invoke(s, claims, signed);
        var inquiry = PermitForge.Inquiry(claims, signed);
        header?.Invoke(inquiry);
        return inquiry;
    }

    /// <summary>A valid inquiry that the hub relays once and answered, sent again as it was (or re-signed by <paramref name="again"/>).</summary>
    public static AttackMessage<GatewayScene> Replayed(string description, Func<GatewayScene, Permit, RelayedInquiry, RelayedInquiry>? again = null) =>
        new(description, async s =>
        {
            var claims = s.Forge.Permit(GatewayScene.Resident);
            var first = PermitForge.Inquiry(claims, s.Forge.Sign(claims));
            var answer = await new Contracts.V1.Provision.ProvisionClient(s.Hub).ProvideAsync(first);
            Assert.Equal(ProvisionOutcome.Provided, answer.Outcome);
            return [(again?.Invoke(s, claims, first) ?? first).ToByteArray()];
        });

    /// <summary>A later answer relayed for a permit of ours, the permit changed before signing.</summary>
    public static AttackMessage<GatewayScene> Delivery(string description, Action<Permit>? permit = null, bool forged = false) =>
        Message(description, s =>
        {
            var claims = s.Forge.Permit(GatewayScene.Resident);
            (claims.InquirerInstitutionCode, claims.ProviderInstitutionCode) = (Hitachinaka, Mito);
            permit?.Invoke(claims);
            var signed = s.Forge.Sign(claims, forged ? Ed25519Keys.Generate().PrivateKey : null);
            return new DeliveredAnswer
            {
                Permit = signed,
                Answer = new ProvisionAnswer { InquiryId = claims.InquiryId, PermitId = claims.PermitId, Outcome = ProvisionOutcome.NotProvided, NotProvidedReason = "DECLINED" },
            };
        });

    /// <summary>A copy of the provideable resident's osteoporosis screening, changed.</summary>
    public static AttackMessage<GatewayScene> Copy(string description, Action<Copy> change) =>
        Message(description, s => new RegisterCopyRequest { Copy = CopyOf(s, change) });

    public static Copy CopyOf(GatewayScene s, Action<Copy> change)
    {
        var copy = NetworkScenarios.OsteoporosisCopy(s.Person);
        copy.RecordKey = "2025-57-attack";
        change(copy);
        return copy;
    }

    /// <summary>A valid message's bytes cut short in the middle of a field.</summary>
    public static byte[] Truncated(IMessage message)
    {
        var bytes = message.ToByteArray();
        return bytes[..(bytes.Length / 2)];
    }

    /// <summary>Bytes that are no protobuf message: a field number 0 with a length running past the end.</summary>
    public static byte[] Garbage => [0x02, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0xDE, 0xAD, 0xBE, 0xEF];

    public static Timestamp MinutesFromNow(double minutes) => Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddMinutes(minutes));

    public static ByteString Flipped(ByteString bytes, int at)
    {
        var copy = bytes.ToByteArray();
        copy[at] ^= 0x40;
        return ByteString.CopyFrom(copy);
    }
}
