using Grpc.Core;

namespace Linkage.Gateway.Tests.Attacks;

/// <summary>The kinds of attack the corpus covers, for its count in RELIABILITY.md.</summary>
public enum AttackKind
{
    ForgedOrAlteredPermit,
    ExpiredPermit,
    MisaddressedPermit,
    ReplayedPermit,
    NotOnThePermittedList,
    CrossInstitution,
    RoleViolation,
    BadCopy,
    MalformedMessage,
    BadCertificate,
    StolenSession,

    /// <summary>Well-formed requests that name what does not exist here or break a rule of the service.</summary>
    BadRequest,
}

/// <summary>
/// Who calls, in words for the table, and how a scene makes that caller's calls. Making it may prepare what the caller
/// needs (a sign-in, a revocation): that happens before the rows are counted.
/// </summary>
public sealed record AttackCaller<TScene>(string Description, Func<TScene, Task<CallInvoker>> Connect)
{
    public override string ToString() => Description;
}

/// <summary>
/// What is sent, in words, and its bytes as they go on the wire: one message for a unary call, any number for a client
/// stream. Building it may prepare state (the first use of a permit that is then replayed) before the rows are counted.
/// </summary>
public sealed record AttackMessage<TScene>(string Description, Func<TScene, Task<IReadOnlyList<byte[]>>> Build)
{
    public override string ToString() => Description;
}

/// <summary>
/// Rows one attack must leave in one table: <paramref name="Count"/> more of them in <paramref name="Database"/> (the
/// scene's own gateway when null). For provision records and the operation log, the newest entry must carry
/// <paramref name="Reason"/>, or the attack's reason when null.
/// </summary>
public sealed record Written(string Table, long Count = 1, string? Database = null, string? Reason = null)
{
    public const string ProvisionRecords = "ProvisionRecords";
    public const string OperationLog = "OperationLog";

    public static readonly Written Record = new(ProvisionRecords);
    public static readonly Written Operation = new(OperationLog);
}

/// <summary>
/// One attack: who calls (<paramref name="Caller"/>), which RPC ("Service/Method" of linkage.v1), with what bytes, the
/// status and <c>google.rpc.ErrorInfo</c> reason it must get (null: none), and every row it may leave behind — nothing
/// else may change in any table.
/// </summary>
public sealed record AttackCase<TScene>(
    string Name, AttackKind Kind, AttackCaller<TScene> Caller, string Rpc, AttackMessage<TScene> Message,
    StatusCode Status, string? Reason, params Written[] Writes)
{
    public string Method => "/linkage.v1." + Rpc;

    public override string ToString() => Name;
}
