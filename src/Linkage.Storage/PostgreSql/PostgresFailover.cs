using System.Data.Common;
using Npgsql;

namespace Linkage.Storage.PostgreSql;

/// <summary>
/// A connection string that names a primary and its standbys (<c>Host=a:5432,b:5432</c>): Npgsql connects to whichever
/// of them the <c>Target Session Attributes</c> ask for, and remembers what it found each host to be (primary, standby,
/// offline) for <c>Host Recheck Seconds</c>. This is the one place that knows which of those settings a gateway needs,
/// and which travel along when a connection string is made from another.
/// </summary>
public static class PostgresFailover
{
    /// <summary>
    /// How long a host's state is believed when the connection string does not say. With Npgsql's own 10 s a standby
    /// promoted meanwhile still counts as a standby for up to 10 s, and every write fails until it is asked again; a
    /// recheck costs one short query on one pooled connection.
    /// </summary>
    public const int DefaultHostRecheckSeconds = 2;

    private const string RecheckKeyword = "Host Recheck Seconds";

    /// <summary>Whether <paramref name="connection"/> names more than one server.</summary>
    public static bool NamesStandbys(NpgsqlConnectionStringBuilder connection) => connection.Host?.Contains(',') == true;

    /// <summary>
    /// A gateway's connection with what failover needs: on a list of servers, the primary (a gateway writes, and a
    /// standby would refuse every write), and a recheck short enough that a promotion is seen within seconds.
    /// </summary>
    /// <exception cref="ArgumentException">The list asks for a server that may be a standby.</exception>
    public static void ForWriting(NpgsqlConnectionStringBuilder connection)
    {
        if (!NamesStandbys(connection)) return;
        connection.TargetSessionAttributes ??= "primary";
        if (connection.TargetSessionAttributes is not ("primary" or "read-write"))
            throw new ArgumentException(
                $"A gateway writes: with more than one host its Target Session Attributes must be primary or read-write, not {connection.TargetSessionAttributes}.");
        if (!IsSet(connection, RecheckKeyword)) connection.HostRecheckSeconds = DefaultHostRecheckSeconds;
    }

    /// <summary>
    /// The connection of a session that is read-only by its own startup option: such a session on the primary reports
    /// itself read-only, which read-write would refuse, so it asks for the primary instead.
    /// </summary>
    public static void ForReadOnlySessions(NpgsqlConnectionStringBuilder connection)
    {
        if (connection.TargetSessionAttributes == "read-write") connection.TargetSessionAttributes = "primary";
    }

    /// <summary>The server part of <paramref name="from"/>: its host or hosts, port, database and the failover settings it sets.</summary>
    public static NpgsqlConnectionStringBuilder ServerOf(string from)
    {
        var source = new NpgsqlConnectionStringBuilder(from);
        var server = new NpgsqlConnectionStringBuilder { Host = source.Host, Port = source.Port, Database = source.Database };
        if (source.TargetSessionAttributes is { } target) server.TargetSessionAttributes = target;
        if (IsSet(source, RecheckKeyword)) server.HostRecheckSeconds = source.HostRecheckSeconds;
        if (source.LoadBalanceHosts) server.LoadBalanceHosts = true;
        return server;
    }

    /// <summary>
    /// The servers of <paramref name="connection"/> as libpq takes them in its environment (PGHOST, PGPORT and
    /// PGTARGETSESSIONATTRS): a list of hosts and a list of ports, one each, and the session wanted.
    /// </summary>
    public static (string Hosts, string Ports, string? TargetSessionAttributes) ForLibpq(NpgsqlConnectionStringBuilder connection)
    {
        var hosts = new List<string>();
        var ports = new List<string>();
        foreach (var entry in (connection.Host ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            // host:port, except an address that is all colons (IPv6) unless bracketed; a socket folder has no port.
            var colon = entry.LastIndexOf(':');
            var bracketed = entry.StartsWith('[') && colon > entry.IndexOf(']');
            if (colon > 0 && (bracketed || entry.IndexOf(':') == colon) && int.TryParse(entry[(colon + 1)..], out var port))
            {
                hosts.Add(entry[..colon].Trim('[', ']'));
                ports.Add(port.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                hosts.Add(entry);
                ports.Add(connection.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        // libpq knows every one of Npgsql's values but prefer-primary; trying the hosts in order comes nearest.
        var target = connection.TargetSessionAttributes == "prefer-primary" ? "any" : connection.TargetSessionAttributes;
        return (string.Join(',', hosts), string.Join(',', ports), target);
    }

    /// <summary>Whether the connection string itself sets <paramref name="keyword"/>, rather than leaving Npgsql's default.</summary>
    private static bool IsSet(NpgsqlConnectionStringBuilder connection, string keyword) =>
        new DbConnectionStringBuilder { ConnectionString = connection.ConnectionString }.ContainsKey(keyword);
}
