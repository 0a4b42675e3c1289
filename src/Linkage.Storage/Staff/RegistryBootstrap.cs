using System.Collections.Frozen;
using Linkage.Domain;
using Linkage.Domain.Chains;
using Linkage.Domain.Codes;
using Linkage.Domain.Errors;
using Linkage.Domain.Staff;
using Linkage.Storage.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace Linkage.Storage.Staff;

/// <summary>
/// The first administrator of a gateway, written straight into its database. Before any administrator exists nobody
/// can add one through <c>Administration</c>, so the trust anchor is the operator's privilege on the database file.
/// Refused once an active administrator exists: from then on administrators add staff through the gateway.
/// </summary>
public static class RegistryBootstrap
{
    /// <summary>The operation log's name for this step, in place of an RPC.</summary>
    public const string Operation = "registry/bootstrap-administrator";

    public const string AdministratorExists = "ADMINISTRATOR_EXISTS";

    public sealed record Bootstrapped(StaffMember Administrator, CertificateBinding Binding, long OperationSequence);

    /// <summary>
    /// Migrates the database if needed, then writes the administrator and the certificate binding in one transaction,
    /// then appends the operation log entry through the chain writer of <paramref name="node"/>'s operation log, so the
    /// chain stays verifiable.
    /// </summary>
    /// <remarks>
    /// A gateway loads its registry when it starts, so a gateway already running on this file does not know the new
    /// administrator until it restarts; its own chain writer also finds the tail moved and retries its next batch.
    /// Run this before the gateway starts.
    /// </remarks>
    public static async Task<Bootstrapped> AddFirstAdministratorAsync(StorageDatabase database, InstitutionCode institution,
        string staffId, string name, PresentedCertificate certificate, TimeProvider clock, CancellationToken ct, string node = NodeName.Default)
    {
        var scope = new InstitutionScope(institution, NodeName.Parse(node, "node"));
        var now = clock.GetUtcNow();
        var member = new StaffMember(RegistryId.Require(staffId, "id"), RequireName(name), institution,
            new[] { Roles.Administrator }.ToFrozenSet(StringComparer.Ordinal), FrozenSet<string>.Empty, now, null, null, "");
        var binding = new CertificateBinding(Usable(certificate, institution, now), CallerKind.Staff, member.StaffId, now, null);

        var options = new DbContextOptionsBuilder<LinkageDbContext>();
        database.ConfigureContext(options);
        await using (var db = new LinkageDbContext(options.Options))
        {
            await database.MigrateAsync(db, ct);
            // The check and the write hold the write lock together, so two bootstraps (or a bootstrap and an
            // administrator's AddStaff) cannot both see "no administrator".
            await db.Database.OpenConnectionAsync(ct);
            await using var transaction = database.BeginWriting(db.Database.GetDbConnection(), "StaffMembers");
            await db.Database.UseTransactionAsync(transaction, ct);
            await RequireNoAdministratorAsync(db, institution, now, ct);
            db.StaffMembers.Add(DbRegistryStore.Row(member));
            db.CertificateBindings.Add(DbRegistryStore.Row(binding));
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException error) when (DbRegistryStore.IsConstraintViolation(error))
            {
                throw new DomainException(ErrorKind.AlreadyExists, ErrorReasons.StaffExists, DbRegistryStore.StaffExistsMessage);
            }
            await transaction.CommitAsync(ct);
        }

        var log = new OperationLogWriter(database, scope, NullLogger<OperationLogWriter>.Instance);
        await log.StartAsync(ct);
        try
        {
            var sequence = await log.AppendAsync(new OperationEntry(now, CallerKind.Staff, member.StaffId, "", Operation,
                $"staff:{member.StaffId} certificate:{binding.Certificate.Thumbprint}", OperationOutcome.Done, ""), ct);
            return new Bootstrapped(member, binding, sequence);
        }
        finally
        {
            await log.StopAsync(CancellationToken.None);
        }
    }

    private static async Task RequireNoAdministratorAsync(LinkageDbContext db, InstitutionCode institution, DateTimeOffset now, CancellationToken ct)
    {
        var staff = await db.StaffMembers.AsNoTracking().Where(s => s.DeactivatedAt == null).ToListAsync(ct);
        var systems = await db.ConnectedSystems.AsNoTracking().Select(s => s.InstitutionCode).ToListAsync(ct);
        // A database is one institution's; another code here means the wrong file or the wrong --institution.
        if (staff.Select(s => s.InstitutionCode).Concat(systems).FirstOrDefault(code => code != institution.Value) is { } other)
            throw new DomainException(ErrorKind.FailedPrecondition, ErrorReasons.OtherInstitution,
                $"This database holds the registry of institution {other}, not {institution.Value}.");
        var administrators = staff
            .Where(s => s.Roles.Split(' ').Contains(Roles.Administrator, StringComparer.Ordinal)
                && s.ValidFrom <= now && (s.ValidTo is null || now < s.ValidTo))
            .Select(s => s.StaffId).ToList();
        if (administrators.Count > 0)
            throw new DomainException(ErrorKind.FailedPrecondition, AdministratorExists,
                $"An active administrator exists ({string.Join(", ", administrators)}); administrators add staff with 'linkage staff add'.");
    }

    /// <summary>The checks an administrator's AddStaff makes on a certificate handed in.</summary>
    private static CertificateRef Usable(PresentedCertificate presented, InstitutionCode institution, DateTimeOffset now)
    {
        if (!presented.IssuedByOurAuthority)
            throw DomainException.InvalidField("certificate", ErrorReasons.CertificateUnusable,
                "The certificate was not issued by this deployment's authority for client use, or it is revoked.");
        if (presented.Institution != institution.Value)
            throw DomainException.InvalidField("certificate", ErrorReasons.OtherInstitution,
                $"The certificate names another institution than {institution.Value}.");
        if (presented.Certificate.NotAfter <= now)
            throw DomainException.InvalidField("certificate", ErrorReasons.CertificateUnusable, "The certificate has expired.");
        return presented.Certificate;
    }

    private static string RequireName(string name) =>
        string.IsNullOrWhiteSpace(name) || name.Length > 100
            ? throw DomainException.InvalidField("name", ErrorReasons.InvalidArgument, "A name of 1 to 100 characters is required.")
            : name.Trim();
}
