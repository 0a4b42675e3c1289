using Linkage.Contracts.V1;

namespace Linkage.Gateway.Access;

/// <summary>What a logged call acted on, in words the operation log keeps (stored in the database, never in text logs).</summary>
public sealed record OperationTarget(string Text, string? SessionId = null);

/// <summary>
/// The target of each logged RPC (staff's, and a system's hold flag changes on the same messages); a request not
/// named here has no particular target (WhoAmI, ListJobs).
/// </summary>
public static class OperationTargets
{
    public static OperationTarget Of(object request, object? response) => request switch
    {
        SignInRequest => new("", (response as SignInResponse)?.Session.SessionId),
        DiscloseRequest r => new(Join($"person:{r.InternalAddressNumber}", Names(r.InformationNameCode), Records(response))),
        ListRecordsRequest r => new(Join(After(r.AfterNode, r.AfterSequence), Names(r.InformationNameCode), Records(response))),
        VerifyRequest r => new($"chain:{r.Chain}"),
        MarkNonDisclosureRequest r => new($"record:{r.Node}:{r.Sequence}"),
        GetStatisticsRequest r => new(response is GetStatisticsResponse s ? $"period:{s.FromDate}..{s.ToDate}" : $"period:{r.FromDate}..{r.ToDate}"),
        ListOperationsRequest r => new(Join(After(r.AfterNode, r.AfterSequence), r.ActorId.Length > 0 ? $"actor:{r.ActorId}" : "",
            r.Rpc.Length > 0 ? $"rpc:{r.Rpc}" : "")),
        AddStaffRequest r => new($"staff:{r.StaffId}"),
        DeactivateStaffRequest r => new($"staff:{r.StaffId}"),
        AddSystemRequest r => new($"system:{r.SystemId}"),
        DeactivateSystemRequest r => new($"system:{r.SystemId}"),
        BindCertificateRequest r => new(Join(r.HasStaffId ? $"staff:{r.StaffId}" : $"system:{r.SystemId}",
            (response as CertificateBindingView)?.ThumbprintSha256 is { } thumbprint ? $"certificate:{thumbprint}" : "")),
        UnbindCertificateRequest r => new($"certificate:{r.ThumbprintSha256}"),
        GetHeldRequest r => new($"held:{r.HeldId}"),
        ApproveRequest r => new($"held:{r.HeldId}"),
        DeclineRequest r => new($"held:{r.HeldId} reason:{r.Reason}"),
        ExtendDeadlineRequest r => new($"held:{r.HeldId}"),
        RetryDeliveryRequest r => new($"held:{r.HeldId}"),
        ListHeldRequest r => new(Join(r.InformationNameCode.Length > 0 ? $"information-name:{r.InformationNameCode}" : "",
            (response as ListHeldResponse)?.Held is { Count: > 0 } held ? "held:" + string.Join(',', held.Select(h => h.HeldId)) : "")),
        SetHoldFlagRequest r => new(Join((response as HoldFlagView)?.FlagId is { } flag ? $"flag:{flag}" : "",
            r.InternalAddressNumber.Length > 0 ? $"person:{r.InternalAddressNumber}" : "", Names(r.InformationNameCode), $"reason:{r.Reason}")),
        ClearHoldFlagRequest r => new(Join($"flag:{r.FlagId}", (response as HoldFlagView)?.InternalAddressNumber is { Length: > 0 } person
            ? $"person:{person}" : "", Names((response as HoldFlagView)?.InformationNameCode ?? ""))),
        ListHoldFlagsRequest r => new(Join(r.InternalAddressNumber.Length > 0 ? $"person:{r.InternalAddressNumber}" : "",
            Names(r.InformationNameCode), response is ListHoldFlagsResponse { Flags.Count: > 0 } list
                ? "flags:" + string.Join(',', list.Flags.Select(f => f.FlagId)) : "")),
        // The ticket, its person and kind, never what was asked or who asked.
        RegisterTicketRequest r => new(Join((response as TicketView)?.TicketId is { } ticket ? $"ticket:{ticket}" : "",
            r.InternalAddressNumber.Length > 0 ? $"person:{r.InternalAddressNumber}" : "", $"kind:{r.Kind}")),
        AddTicketStepRequest r => new(Join($"ticket:{r.TicketId}", r.Outcome != TicketOutcome.Unspecified ? $"closes:{r.Outcome}" : "")),
        GetTicketRequest r => new(Join($"ticket:{r.TicketId}", (response as TicketView)?.InternalAddressNumber is { Length: > 0 } person
            ? $"person:{person}" : "")),
        ListTicketsRequest r => new(Join(r.InternalAddressNumber.Length > 0 ? $"person:{r.InternalAddressNumber}" : "",
            response is ListTicketsResponse { Tickets.Count: > 0 } list ? "tickets:" + string.Join(',', list.Tickets.Select(t => t.TicketId)) : "")),
        _ => new(""),
    };

    /// <summary>Where a page started: after this node's entry; nothing for a first page.</summary>
    private static string After(string node, long sequence) => node.Length > 0 || sequence != 0 ? $"after:{node}:{sequence}" : "";

    private static string Names(string informationName) => informationName.Length > 0 ? $"information-name:{informationName}" : "";

    /// <summary>Which records were read: the node and sequence of each shown.</summary>
    private static string Records(object? response) => response switch
    {
        ListRecordsResponse { Records.Count: > 0 } list => "records:" + string.Join(',', list.Records.Select(r => $"{r.Node}:{r.Sequence}")),
        _ => "",
    };

    private static string Join(params string[] parts) => string.Join(' ', parts.Where(p => p.Length > 0));
}
