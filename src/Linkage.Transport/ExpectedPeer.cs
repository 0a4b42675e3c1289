namespace Linkage.Transport;

/// <summary>Whom an outgoing channel must reach: a certificate from our authority is not enough, it must be this peer's.</summary>
public sealed record ExpectedPeer(string InstitutionCode, string Role)
{
    public bool Matches(PeerIdentity? peer) =>
        peer is not null && peer.InstitutionCode == InstitutionCode && peer.Role == Role;

    public override string ToString() => $"{Role} of {InstitutionCode}";
}
