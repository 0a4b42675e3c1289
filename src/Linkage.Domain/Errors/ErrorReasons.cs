namespace Linkage.Domain.Errors;

/// <summary>The machine-readable reasons of google.rpc.ErrorInfo that Linkage emits.</summary>
public static class ErrorReasons
{
    public const string Domain = "linkage.jp";

    public const string InvalidArgument = "INVALID_ARGUMENT";
    public const string MalformedCode = "MALFORMED_CODE";
    public const string SymbolNotAcquired = "SYMBOL_NOT_ACQUIRED";
    public const string SymbolConflict = "SYMBOL_CONFLICT";
    public const string PersonRetired = "PERSON_RETIRED";
    public const string AcquisitionNumberUnknown = "ACQUISITION_NUMBER_UNKNOWN";
    public const string AcquisitionNumberExpired = "ACQUISITION_NUMBER_EXPIRED";
    public const string AcquisitionNumberUsed = "ACQUISITION_NUMBER_USED";
    public const string PersonUnknown = "PERSON_UNKNOWN";
    public const string InquiryNotPermitted = "INQUIRY_NOT_PERMITTED";
    public const string PermittedListUnavailable = "PERMITTED_LIST_UNAVAILABLE";
    public const string PermitSignatureInvalid = "PERMIT_SIGNATURE_INVALID";
    public const string PermitMalformed = "PERMIT_MALFORMED";
    public const string PermitWrongAudience = "PERMIT_WRONG_AUDIENCE";
    public const string PermitExpired = "PERMIT_EXPIRED";
    public const string PermitNotYetValid = "PERMIT_NOT_YET_VALID";
    public const string PermitReplayed = "PERMIT_REPLAYED";
    public const string PermitListWithdrawn = "PERMIT_LIST_WITHDRAWN";
    public const string PermitMismatch = "PERMIT_MISMATCH";
    public const string SymbolUnknown = "SYMBOL_UNKNOWN";
    public const string NoData = "NO_DATA";
    public const string AnswerUndecryptable = "ANSWER_UNDECRYPTABLE";
    public const string InquiryNotFound = "INQUIRY_NOT_FOUND";
    public const string HeldResponseNotFound = "HELD_RESPONSE_NOT_FOUND";
    public const string HeldAlreadyDecided = "HELD_ALREADY_DECIDED";
    public const string SameReviewer = "SAME_REVIEWER";
    public const string DeliveryNotParked = "DELIVERY_NOT_PARKED";
    public const string HoldFlagNotFound = "HOLD_FLAG_NOT_FOUND";
    public const string TicketNotFound = "TICKET_NOT_FOUND";
    public const string TicketClosed = "TICKET_CLOSED";
    public const string UnknownItem = "UNKNOWN_ITEM";
    public const string UnknownInformationName = "UNKNOWN_INFORMATION_NAME";
    public const string ValueWrongType = "VALUE_WRONG_TYPE";
    public const string ValueNotInCodeSystem = "VALUE_NOT_IN_CODE_SYSTEM";
    public const string ValueTooLong = "VALUE_TOO_LONG";
    public const string MissingField = "MISSING_FIELD";
    public const string DuplicateRecord = "DUPLICATE_RECORD";
    public const string VersionConflict = "VERSION_CONFLICT";
    public const string CopyNotFound = "COPY_NOT_FOUND";
    public const string BatchInProgress = "BATCH_IN_PROGRESS";
    public const string PeriodInverted = "PERIOD_INVERTED";
    public const string PeriodTooLong = "PERIOD_TOO_LONG";
    public const string PeerUnavailable = "PEER_UNAVAILABLE";
    public const string PeerRefused = "PEER_REFUSED";
    public const string Internal = "INTERNAL";

    /// <summary>The request's bytes are not the message the method takes (garbage, cut short, an invalid field).</summary>
    public const string MalformedMessage = "MALFORMED_MESSAGE";

    /// <summary>A message longer than a host accepts, refused before it is read.</summary>
    public const string MessageTooLarge = "MESSAGE_TOO_LARGE";

    /// <summary>This node does not hold the institution's key-encryption key, so it cannot open or seal its data at rest.</summary>
    public const string InstitutionKeyUnavailable = "INSTITUTION_KEY_UNAVAILABLE";

    // Who may call: the registry, sessions, roles (see Staff/).
    public const string CertificateNotRegistered = "CERTIFICATE_NOT_REGISTERED";
    public const string CertificateRevoked = "CERTIFICATE_REVOKED";
    public const string CertificateAlreadyBound = "CERTIFICATE_ALREADY_BOUND";
    public const string CertificateNotBound = "CERTIFICATE_NOT_BOUND";
    public const string CertificateUnusable = "CERTIFICATE_UNUSABLE";
    public const string StaffDeactivated = "STAFF_DEACTIVATED";
    public const string StaffNotInValidityPeriod = "STAFF_NOT_IN_VALIDITY_PERIOD";
    public const string StaffNotFound = "STAFF_NOT_FOUND";
    public const string StaffExists = "STAFF_EXISTS";
    public const string SystemDeactivated = "SYSTEM_DEACTIVATED";
    public const string SystemNotFound = "SYSTEM_NOT_FOUND";
    public const string SystemExists = "SYSTEM_EXISTS";
    public const string OtherInstitution = "OTHER_INSTITUTION";
    public const string PeerNotAuthorized = "PEER_NOT_AUTHORIZED";
    public const string SessionRequired = "SESSION_REQUIRED";
    public const string SessionUnknown = "SESSION_UNKNOWN";
    public const string SessionEnded = "SESSION_ENDED";
    public const string SessionIdleTimeout = "SESSION_IDLE_TIMEOUT";
    public const string SessionExpired = "SESSION_EXPIRED";
    public const string SessionCertificateMismatch = "SESSION_CERTIFICATE_MISMATCH";
    public const string SignInNetworkNotAllowed = "SIGN_IN_NETWORK_NOT_ALLOWED";
    public const string InformationNameNotAllowed = "INFORMATION_NAME_NOT_ALLOWED";

    // A platform node placing a call with one of the institutions it hosts, before any gateway sees it.
    public const string InstitutionNotServed = "INSTITUTION_NOT_SERVED";
    public const string InstitutionNotStarted = "INSTITUTION_NOT_STARTED";
    public const string AudienceRequired = "AUDIENCE_REQUIRED";

    // Checkpoints and their witness (see Chains/Checkpoints/).
    public const string CheckpointSignatureInvalid = "CHECKPOINT_SIGNATURE_INVALID";
    public const string CheckpointNotExtending = "CHECKPOINT_NOT_EXTENDING";
    public const string CheckpointReplayed = "CHECKPOINT_REPLAYED";
    public const string CheckpointMalformed = "CHECKPOINT_MALFORMED";
    public const string ChainBroken = "CHAIN_BROKEN";

    // Disclosure to the person and its non-disclosure marks (see Records/Disclosure/).
    public const string RecordNotFound = "RECORD_NOT_FOUND";
    public const string RecordAlreadyMarked = "RECORD_ALREADY_MARKED";

    // Resource bounds: what one caller may take of the gateway at once (see Copies/Batches/CopyBatchLimits, Answers/AnswerSizeCap).
    public const string RateLimited = "RATE_LIMITED";
    public const string BatchTooLarge = "BATCH_TOO_LARGE";
    public const string TooManyBatches = "TOO_MANY_BATCHES";
    public const string DuplicateCheckFull = "DUPLICATE_CHECK_FULL";
    public const string AnswerTooLarge = "ANSWER_TOO_LARGE";

    /// <summary>Only in records: the caller gave up (deadline, cancellation) after the hub had issued the permit.</summary>
    public const string Cancelled = "CANCELLED";
}
