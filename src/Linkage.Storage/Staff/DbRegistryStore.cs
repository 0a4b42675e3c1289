using System.Collections.Frozen;
using Linkage.Domain.Codes;
using Linkage.Domain.Errors;
using Linkage.Domain.Staff;
using Linkage.Storage.Database;
using Linkage.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace Linkage.Storage.Staff;

public sealed class DbRegistryStore(IDbContextFactory<LinkageDbContext> contexts) : IRegistryStore
{

    public async Task<CallerRegistry.Contents> LoadAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var staff = await db.StaffMembers.AsNoTracking().OrderBy(s => s.StaffId).ToListAsync(ct);
        var systems = await db.ConnectedSystems.AsNoTracking().OrderBy(s => s.SystemId).ToListAsync(ct);
        var bindings = await db.CertificateBindings.AsNoTracking().OrderBy(b => b.BoundAt).ToListAsync(ct);
        return new CallerRegistry.Contents(
            staff.Select(s => new StaffMember(s.StaffId, s.Name, InstitutionCode.Parse(s.InstitutionCode), Split(s.Roles),
                Split(s.InformationNames), s.ValidFrom, s.ValidTo, s.DeactivatedAt, s.DeactivationReason)).ToList(),
            systems.Select(s => new ConnectedSystem(s.SystemId, s.Name, InstitutionCode.Parse(s.InstitutionCode), s.Role,
                s.DeactivatedAt, s.DeactivationReason)).ToList(),
            bindings.Select(b => new CertificateBinding(new CertificateRef(b.Thumbprint, b.Issuer, b.SerialNumber, b.Subject, b.NotAfter),
                (CallerKind)b.OwnerKind, b.OwnerId, b.BoundAt, b.UnboundAt)).ToList());
    }

    public Task AddStaffAsync(StaffMember member, CertificateBinding binding, CancellationToken ct) =>
        SaveAsync(db =>
        {
            db.StaffMembers.Add(Row(member));
            db.CertificateBindings.Add(Row(binding));
        }, ErrorReasons.StaffExists, StaffExistsMessage, ct);

    public Task AddSystemAsync(ConnectedSystem system, CertificateBinding binding, CancellationToken ct) =>
        SaveAsync(db =>
        {
            db.ConnectedSystems.Add(new ConnectedSystemRow
            {
                SystemId = system.SystemId,
                InstitutionCode = system.Institution.Value,
                Name = system.Name,
                Role = system.Role,
                DeactivationReason = "",
            });
            db.CertificateBindings.Add(Row(binding));
        }, ErrorReasons.SystemExists, "A system with this id exists, or the certificate is bound already.", ct);

    public async Task DeactivateAsync(CallerKind kind, string ownerId, DateTimeOffset at, string reason, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        // A second deactivation keeps the first time and reason.
        if (kind == CallerKind.Staff)
            await db.StaffMembers.Where(s => s.StaffId == ownerId && s.DeactivatedAt == null)
                .ExecuteUpdateAsync(set => set.SetProperty(s => s.DeactivatedAt, at).SetProperty(s => s.DeactivationReason, reason), ct);
        else
            await db.ConnectedSystems.Where(s => s.SystemId == ownerId && s.DeactivatedAt == null)
                .ExecuteUpdateAsync(set => set.SetProperty(s => s.DeactivatedAt, at).SetProperty(s => s.DeactivationReason, reason), ct);
    }

    public Task BindAsync(CertificateBinding binding, CancellationToken ct) =>
        SaveAsync(db => db.CertificateBindings.Add(Row(binding)), ErrorReasons.CertificateAlreadyBound,
            "This certificate is bound already (a certificate stands for one staff member or system, once).", ct);

    public async Task<bool> UnbindAsync(string thumbprint, DateTimeOffset at, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var key = thumbprint.ToUpperInvariant();
        return await db.CertificateBindings.Where(b => b.Thumbprint == key && b.UnboundAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(b => b.UnboundAt, at), ct) == 1;
    }

    private async Task SaveAsync(Action<LinkageDbContext> change, string reason, string message, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        change(db);
        // Asked first, so that the usual case of a duplicate is an answer rather than a failed write that EF logs as an
        // error; the unique keys still decide a race between two administrators.
        if (await ClashesAsync(db, ct)) throw new DomainException(ErrorKind.AlreadyExists, reason, message);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException error) when (IsConstraintViolation(error))
        {
            throw new DomainException(ErrorKind.AlreadyExists, reason, message);
        }
    }

    private static async Task<bool> ClashesAsync(LinkageDbContext db, CancellationToken ct)
    {
        foreach (var added in db.ChangeTracker.Entries().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList())
        {
            var clash = added switch
            {
                StaffMemberRow staff => await db.StaffMembers.AnyAsync(s => s.StaffId == staff.StaffId, ct),
                ConnectedSystemRow system => await db.ConnectedSystems.AnyAsync(s => s.SystemId == system.SystemId, ct),
                CertificateBindingRow binding => await db.CertificateBindings.AnyAsync(b => b.Thumbprint == binding.Thumbprint, ct),
                _ => false,
            };
            if (clash) return true;
        }
        return false;
    }

    internal const string StaffExistsMessage = "A staff member with this id exists, or the certificate is bound already.";

    internal static bool IsConstraintViolation(DbUpdateException error) => DatabaseErrors.IsConstraintViolation(error);

    internal static StaffMemberRow Row(StaffMember member) => new()
    {
        StaffId = member.StaffId,
        InstitutionCode = member.Institution.Value,
        Name = member.Name,
        Roles = string.Join(' ', member.Roles.Order(StringComparer.Ordinal)),
        InformationNames = string.Join(' ', member.InformationNames.Order(StringComparer.Ordinal)),
        ValidFrom = member.ValidFrom,
        ValidTo = member.ValidTo,
        DeactivationReason = "",
    };

    internal static CertificateBindingRow Row(CertificateBinding binding) => new()
    {
        Thumbprint = binding.Certificate.Thumbprint.ToUpperInvariant(),
        Issuer = binding.Certificate.Issuer,
        SerialNumber = binding.Certificate.SerialNumber,
        Subject = binding.Certificate.Subject,
        NotAfter = binding.Certificate.NotAfter,
        OwnerKind = (int)binding.OwnerKind,
        OwnerId = binding.OwnerId,
        BoundAt = binding.BoundAt,
    };

    private static FrozenSet<string> Split(string words) =>
        words.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToFrozenSet(StringComparer.Ordinal);
}
