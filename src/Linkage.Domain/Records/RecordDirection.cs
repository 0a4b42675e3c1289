namespace Linkage.Domain.Records;

public enum RecordDirection
{
    /// <summary>Another institution inquired; we were the provider.</summary>
    Incoming = 1,

    /// <summary>We inquired on behalf of the back office.</summary>
    Outgoing = 2,
}
