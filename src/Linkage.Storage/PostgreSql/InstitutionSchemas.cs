using System.Text.RegularExpressions;
using Linkage.Domain.Codes;
using Npgsql;

namespace Linkage.Storage.PostgreSql;

/// <summary>
/// Gives an institution its place on a PostgreSQL server: a login role and a schema owned by it, and nothing else.
/// No institution role may use another's schema (PostgreSQL refuses it whatever SQL is sent), and the public schema
/// holds nothing. The platform operator's role may read every institution's tables (backups, statistics): what it
/// reads of the screening data is what the tables hold, ciphertext under keys it does not have.
/// </summary>
public static partial class InstitutionSchemas
{
    /// <summary>The role of the platform operator: backups, jobs, health; no institution's keys.</summary>
    public const string OperatorRole = "linkage_operator";

    public static string SchemaOf(InstitutionCode institution) => $"inst_{institution.Value}";

    public static string RoleOf(InstitutionCode institution) => $"linkage_{institution.Value}";

    /// <summary>
    /// Creates (or, when they exist, leaves) the role and schema of <paramref name="institution"/>, with
    /// <paramref name="password"/> as the role's password, through <paramref name="adminConnectionString"/> (a role that
    /// may create roles and schemas). Returns the connection string the institution's gateway uses.
    /// </summary>
    public static async Task<string> ProvisionAsync(string adminConnectionString, InstitutionCode institution, string password, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await ProvisionOnceAsync(adminConnectionString, institution, password, ct);
            }
            catch (PostgresException error) when (attempt < 5 && error.SqlState is PostgresErrorCodes.UniqueViolation
                or PostgresErrorCodes.DuplicateObject or PostgresErrorCodes.InternalError)
            {
                // Roles are the cluster's and the lock below is one database's: a provisioning in another database
                // created the role between our look and our CREATE, or changed it as we did ("tuple concurrently
                // updated"). Nothing of ours was committed; another attempt finds the role there.
                await Task.Delay(TimeSpan.FromMilliseconds(50 * attempt), ct);
            }
        }
    }

    private static async Task<string> ProvisionOnceAsync(string adminConnectionString, InstitutionCode institution, string password, CancellationToken ct)
    {
        var role = RoleOf(institution);
        var schema = SchemaOf(institution);
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        // Two provisionings at once in this database (two nodes starting) must not both find a role missing and both
        // create it.
        await ExecuteAsync(connection, "SELECT pg_advisory_xact_lock(hashtext('linkage.institution-schemas'))", ct);
        // Identifiers come from a validated 16-digit code, never from free input; the password travels as a literal
        // because CREATE ROLE takes no parameters, quoted by the server's own quote_literal.
        var quotedPassword = await QuoteLiteralAsync(connection, password, ct);
        await ExecuteAsync(connection, $"""
            DO $$ BEGIN
                IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{role}') THEN
                    CREATE ROLE {role} LOGIN PASSWORD {quotedPassword} NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT;
                ELSE
                    ALTER ROLE {role} PASSWORD {quotedPassword};
                END IF;
                IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{OperatorRole}') THEN
                    CREATE ROLE {OperatorRole} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE;
                END IF;
            END $$;
            """, ct);
        await ExecuteAsync(connection, $"""
            CREATE SCHEMA IF NOT EXISTS {schema} AUTHORIZATION {role};
            REVOKE ALL ON SCHEMA {schema} FROM PUBLIC;
            REVOKE CREATE ON SCHEMA public FROM PUBLIC;
            GRANT USAGE ON SCHEMA {schema} TO {OperatorRole};
            GRANT SELECT ON ALL TABLES IN SCHEMA {schema} TO {OperatorRole};
            ALTER DEFAULT PRIVILEGES FOR ROLE {role} IN SCHEMA {schema} GRANT SELECT ON TABLES TO {OperatorRole};
            ALTER DEFAULT PRIVILEGES FOR ROLE {role} IN SCHEMA {schema} GRANT SELECT ON SEQUENCES TO {OperatorRole};
            """, ct);
        await transaction.CommitAsync(ct);

        // The administrator's server or servers: a primary and its standbys stay a list, with the session wanted there.
        var institutionConnection = PostgresFailover.ServerOf(adminConnectionString);
        institutionConnection.Username = role;
        institutionConnection.Password = password;
        institutionConnection.SearchPath = schema;
        return institutionConnection.ConnectionString;
    }

    /// <summary>Gives the platform operator's role <paramref name="password"/> to log in with (backups, statistics).</summary>
    public static async Task SetOperatorPasswordAsync(string adminConnectionString, string password, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync(ct);
        await ExecuteAsync(connection, $"""
            DO $$ BEGIN
                IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{OperatorRole}') THEN
                    CREATE ROLE {OperatorRole} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE;
                END IF;
            END $$;
            ALTER ROLE {OperatorRole} PASSWORD {await QuoteLiteralAsync(connection, password, ct)};
            """, ct);
    }

    /// <summary>The operator's connection string to the administrator's database, with <paramref name="password"/>.</summary>
    public static string OperatorConnectionString(string adminConnectionString, string password)
    {
        var operatorConnection = PostgresFailover.ServerOf(adminConnectionString);
        operatorConnection.Username = OperatorRole;
        operatorConnection.Password = password;
        return operatorConnection.ConnectionString;
    }

    private static async Task<string> QuoteLiteralAsync(NpgsqlConnection connection, string value, CancellationToken ct)
    {
        if (!PasswordShape().IsMatch(value))
            throw new ArgumentException("A role password is 16 to 128 letters, digits, '-' or '_'.", nameof(value));
        await using var quote = new NpgsqlCommand("SELECT quote_literal(@value)", connection);
        quote.Parameters.AddWithValue("value", value);
        return (string)(await quote.ExecuteScalarAsync(ct))!;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{16,128}$")]
    private static partial Regex PasswordShape();
}
