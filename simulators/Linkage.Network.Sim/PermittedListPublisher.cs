using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Linkage.Contracts.Network.V1;
using Linkage.Crypto;
using Linkage.Network.Client;
using Microsoft.Extensions.Options;
using DomainList = Linkage.Domain.Permits.PermittedList;

namespace Linkage.Network.Sim;

/// <summary>The hub's permitted list from configuration: class members from the institutions, signed once at start.</summary>
public sealed class PermittedListPublisher
{
    public PermittedListPublisher(IOptions<HubOptions> options, Ed25519SignatureSigner signer, TimeProvider clock)
    {
        var hub = options.Value;
        var list = new PermittedList { Version = hub.PermittedList.Version, IssuedAt = Timestamp.FromDateTimeOffset(clock.GetUtcNow()) };
        list.WithdrawnVersions.AddRange(hub.PermittedList.WithdrawnVersions);
        foreach (var entry in hub.PermittedList.Entries)
            foreach (var name in entry.InformationNames)
                list.Entries.Add(new PermittedEntry
                {
                    InquirerInstitutionCode = entry.Inquirer,
                    AffairCode = entry.Affair,
                    ProcedureCode = entry.Procedure,
                    ProviderInstitutionCode = entry.Provider,
                    InformationNameCode = name,
                    LegalBasis = entry.LegalBasis,
                    ValidFrom = entry.ValidFrom,
                    ValidTo = entry.ValidTo,
                });
        foreach (var group in hub.Institutions.SelectMany(i => i.Classes.Select(c => (Class: c, i.Code))).GroupBy(x => x.Class))
        {
            var members = new InstitutionClass { Name = group.Key };
            members.InstitutionCodes.AddRange(group.Select(x => x.Code));
            list.Classes.Add(members);
        }

        list.Directory.AddRange(hub.Institutions.Select(i => new DirectoryEntry { Code = i.Code, Name = i.Name }));
        list.Directory.AddRange(hub.Affairs.Select(a => new DirectoryEntry { Code = a.Key, Name = a.Value }));

        var bytes = list.ToByteArray();
        SignedList = new SignedPermittedList
        {
            List = ByteString.CopyFrom(bytes),
            Signature = ByteString.CopyFrom(signer.Sign(bytes)),
            KeyId = signer.KeyId,
        };
        Current = PermittedListCodec.ToDomain(list);
    }

    public SignedPermittedList SignedList { get; }
    public DomainList Current { get; }
}
