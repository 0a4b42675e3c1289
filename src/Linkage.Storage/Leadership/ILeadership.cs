namespace Linkage.Storage.Leadership;

/// <summary>
/// Which gateway node of an institution runs a job that must run once across its nodes (purges, sweeps, the outbox,
/// escalation, retention, the permitted list's fetch). One rule for all of them, kept by the database the nodes share:
/// on PostgreSQL a session advisory lock per institution and job (<see cref="PostgresLeadership"/>); SQLite has one
/// node per file, which always leads (<see cref="AlwaysLeader"/>).
/// </summary>
public interface ILeadership
{
    /// <summary>
    /// Whether this node leads <paramref name="job"/> now: it becomes its leader when no node is, and stays leader while
    /// the lock holds. False while another node leads it, and from the moment this node's hold on the lock is lost.
    /// </summary>
    Task<bool> LeadsAsync(string job, CancellationToken ct);
}
