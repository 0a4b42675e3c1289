using System.CommandLine;
using Grpc.Core;
using Linkage.Contracts.V1;
using Linkage.Transport;
using Spectre.Console;
using StaffClient = Linkage.Contracts.V1.Staff.StaffClient;

namespace Linkage.Cli.Commands;

/// <summary>signin, signout, whoami: a staff session with the certificate standing for the IC card, kept in a session file.</summary>
public static class SessionCommands
{
    private static DateTime Deadline => DateTime.UtcNow.AddSeconds(10);

    public static Command SignIn(Terminal terminal)
    {
        var connection = new ConnectionOptions();
        var json = ConnectionOptions.Json();
        var command = new Command("signin", "Sign in with a staff certificate; the session token is kept in the session file (0600)") { json };
        connection.AddTo(command);
        command.SetGuardedAction(terminal, async (parsed, ct) =>
        {
            var gateway = connection.Gateway(parsed);
            var path = connection.SessionPath(parsed);
            var tls = connection.Tls(parsed);
            // A session this file held for the same certificate ends now rather than at its idle time-out.
            if (connection.StoredSessionFor(parsed, tls) is { } previous) await TrySignOutAsync(gateway, tls, previous.Token, ct);
            // With the certificate alone: a stale token beside it would be refused before SignIn runs.
            using var channel = Connections.Open(gateway, tls, bearerToken: null);
            var response = await new StaffClient(channel).SignInAsync(new SignInRequest(), deadline: Deadline, cancellationToken: ct);
            var session = response.Session;
            SessionFile.Write(path, new StoredSession(gateway, response.Token, CertificateReferences.Thumbprint(tls.Certificate),
                session.StaffId, session.SessionId, session.ExpiresAt.ToDateTimeOffset()));
            // The token stays in the file: it is a credential, and neither the table nor the JSON shows it.
            return terminal.Show(parsed.GetValue(json), session, ansi =>
            {
                ansi.WriteLine($"signed in as {session.StaffId}, session {session.SessionId}");
                ansi.WriteLine($"  idle expiry {Tables.Time(session.IdleExpiresAt)}, ends at the latest {Tables.Time(session.ExpiresAt)}");
                ansi.WriteLine($"  session file {path}");
            });
        });
        return command;
    }

    public static Command SignOut(Terminal terminal)
    {
        var connection = new ConnectionOptions();
        var command = new Command("signout", "End the staff session and delete its session file");
        connection.AddTo(command);
        command.SetGuardedAction(terminal, async (parsed, ct) =>
        {
            var path = connection.SessionPath(parsed);
            var tls = connection.Tls(parsed);
            if (connection.StoredSessionFor(parsed, tls) is not { } stored)
            {
                await terminal.Error.WriteLineAsync(File.Exists(path)
                    ? $"the session in {path} is not of this gateway and certificate; it was left as it is"
                    : $"not signed in (no session file {path})");
                return File.Exists(path) ? ExitCodes.Failure : ExitCodes.Ok;
            }
            try
            {
                using var channel = Connections.Open(connection.Gateway(parsed), tls, stored.Token);
                await new StaffClient(channel).SignOutAsync(new SignOutRequest(), deadline: Deadline, cancellationToken: ct);
            }
            catch (RpcException error) when (error.StatusCode == StatusCode.Unauthenticated)
            {
                // The gateway had ended the session already (time-out, deactivation, a lost card): nothing left to end.
                SessionFile.Delete(path);
                await terminal.Error.WriteLineAsync($"the session had ended already ({error.Status.Detail}); deleted {path}");
                return ExitCodes.Ok;
            }
            SessionFile.Delete(path);
            terminal.Ansi.WriteLine($"signed out {stored.StaffId}, session {stored.SessionId}; deleted {path}");
            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command WhoAmI(Terminal terminal)
    {
        var connection = new ConnectionOptions();
        var json = ConnectionOptions.Json();
        var command = new Command("whoami", "The signed-in staff member, roles and session") { json };
        connection.AddTo(command);
        command.SetGuardedAction(terminal, async (parsed, ct) =>
        {
            using var channel = connection.Open(parsed);
            var me = await new StaffClient(channel).WhoAmIAsync(new WhoAmIRequest(), deadline: Deadline, cancellationToken: ct);
            return terminal.Show(parsed.GetValue(json), me, ansi =>
            {
                var table = Tables.Of("Staff id", "Name", "Institution", "Roles", "Information names", "Session", "Idle expiry", "Expires");
                table.Row(me.Staff.StaffId, me.Staff.Name, me.Staff.InstitutionCode, string.Join(' ', me.Staff.Roles),
                    Tables.Names(me.Staff.InformationNameCodes), me.Session?.SessionId, Tables.Time(me.Session?.IdleExpiresAt),
                    Tables.Time(me.Session?.ExpiresAt));
                ansi.Write(table);
            });
        });
        return command;
    }

    private static async Task TrySignOutAsync(string gateway, TlsMaterial tls, string token, CancellationToken ct)
    {
        try
        {
            using var channel = Connections.Open(gateway, tls, token);
            await new StaffClient(channel).SignOutAsync(new SignOutRequest(), deadline: Deadline, cancellationToken: ct);
        }
        catch (RpcException)
        {
            // Ended already, or the gateway is unreachable: the sign-in that follows says which.
        }
    }
}
