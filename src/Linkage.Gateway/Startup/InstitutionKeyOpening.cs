using Linkage.Crypto;
using Linkage.Gateway.Options;
using Linkage.Storage.Database;
using Linkage.Storage.Keys;
using Microsoft.Extensions.Options;

namespace Linkage.Gateway.Startup;

/// <summary>
/// Opens the institution's data keys at start with the key-encryption key the institution gave this node, making the
/// first data key on the first start. Without that key the node starts all the same and says so once: what needs no
/// key is served, the rest is refused with INSTITUTION_KEY_UNAVAILABLE. A key that does not open the stored data keys
/// stops the start, with nothing written.
/// </summary>
public sealed partial class InstitutionKeyOpening(
    IOptions<InstitutionKeysOptions> options, InstitutionDataKeys keys, TimeProvider clock, ILogger<InstitutionKeyOpening> logger)
{
    public async Task OpenAsync(LinkageDbContext db, CancellationToken ct)
    {
        var institution = keys.Institution;
        if (options.Value.KeyFileOf(institution) is not { } file)
        {
            LogNoKey(logger, institution.Value);
            return;
        }
        var cipher = await DataKeyRing.OpenAsync(db, institution, KeyEncryptionKey.ReadFile(file), clock.GetUtcNow(), ct);
        keys.Open(cipher);
        LogOpened(logger, institution.Value, cipher.ActiveKeyId);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Institution {Institution} has no key-encryption key on this node: its copies, held " +
        "answers, pending inquiries and tickets are refused (INSTITUTION_KEY_UNAVAILABLE) until it is given one and the node restarts")]
    private static partial void LogNoKey(ILogger logger, string institution);

    [LoggerMessage(Level = LogLevel.Information, Message = "Data keys of institution {Institution} opened; new data is sealed with {KeyId}")]
    private static partial void LogOpened(ILogger logger, string institution, string keyId);
}
