using Linkage.Storage.PostgreSql;
using Npgsql;

namespace Linkage.Gateway.Tests.PostgreSql;

/// <summary>
/// A connection string naming a primary and its standby: a gateway asks for the primary and rechecks the hosts within
/// seconds, refuses a list that could land it on a standby, and the connection strings made from the administrator's
/// (an institution's, the operator's) and libpq's environment for backups keep every server. No server needed.
/// </summary>
public sealed class PostgresFailoverTests
{
    private const string Pair = "Host=10.0.0.1:5432,10.0.0.2:5433;Username=postgres;Password=secret;Database=platform";

    [Fact]
    public void A_gateway_on_a_list_of_servers_asks_for_the_primary_and_rechecks_the_hosts_every_two_seconds()
    {
        var connection = new NpgsqlConnectionStringBuilder(Pair);
        PostgresFailover.ForWriting(connection);
        Assert.Equal(("primary", PostgresFailover.DefaultHostRecheckSeconds), (connection.TargetSessionAttributes, connection.HostRecheckSeconds));

        var chosen = new NpgsqlConnectionStringBuilder(Pair + ";Target Session Attributes=read-write;Host Recheck Seconds=10");
        PostgresFailover.ForWriting(chosen);
        Assert.Equal(("read-write", 10), (chosen.TargetSessionAttributes, chosen.HostRecheckSeconds));
    }

    [Fact]
    public void One_server_is_left_as_it_is()
    {
        var single = new NpgsqlConnectionStringBuilder("Host=10.0.0.1;Port=5432;Username=postgres");
        PostgresFailover.ForWriting(single);
        Assert.Null(single.TargetSessionAttributes);
        Assert.Equal(new NpgsqlConnectionStringBuilder("Host=10.0.0.1;Port=5432;Username=postgres").ConnectionString, single.ConnectionString);
    }

    [Theory]
    [InlineData("standby")]
    [InlineData("prefer-standby")]
    [InlineData("read-only")]
    [InlineData("any")]
    [InlineData("prefer-primary")]
    public void A_list_that_could_land_a_gateway_on_a_standby_is_refused(string target)
    {
        var connection = new NpgsqlConnectionStringBuilder($"{Pair};Target Session Attributes={target}");
        Assert.Throws<ArgumentException>(() => PostgresFailover.ForWriting(connection));
    }

    [Fact]
    public void The_read_only_look_ups_ask_for_the_primary_where_the_gateway_asks_for_read_write()
    {
        var lookups = new NpgsqlConnectionStringBuilder(Pair + ";Target Session Attributes=read-write");
        PostgresFailover.ForReadOnlySessions(lookups);
        Assert.Equal("primary", lookups.TargetSessionAttributes);
    }

    [Fact]
    public void The_operators_connection_made_from_the_administrators_keeps_both_servers_and_the_session_asked_for()
    {
        var made = new NpgsqlConnectionStringBuilder(InstitutionSchemas.OperatorConnectionString(
            Pair + ";Target Session Attributes=primary;Host Recheck Seconds=3", "operator-password-0123"));
        Assert.Equal(("10.0.0.1:5432,10.0.0.2:5433", "primary", 3, "platform", InstitutionSchemas.OperatorRole),
            (made.Host, made.TargetSessionAttributes, made.HostRecheckSeconds, made.Database, made.Username));
    }

    [Fact]
    public void Libpq_is_given_the_hosts_and_their_ports_as_two_lists()
    {
        var (hosts, ports, target) = PostgresFailover.ForLibpq(new NpgsqlConnectionStringBuilder(
            "Host=10.0.0.1:5432,standby.example,[::1]:6000;Port=5499;Target Session Attributes=primary"));
        Assert.Equal(("10.0.0.1,standby.example,::1", "5432,5499,6000", "primary"), (hosts, ports, target));
        Assert.Equal(("/run/postgresql", "5432", null),
            PostgresFailover.ForLibpq(new NpgsqlConnectionStringBuilder("Host=/run/postgresql;Port=5432")));
    }
}
