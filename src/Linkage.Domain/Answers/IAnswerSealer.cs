using Linkage.Domain.Copies;
using Linkage.Domain.Permits;

namespace Linkage.Domain.Answers;

/// <summary>Builds the answer from the copies and encrypts it to the inquirer key named in the permit.</summary>
public interface IAnswerSealer
{
    SealedAnswer Seal(PermitClaims permit, IReadOnlyList<ProvisionCopy> copies);

    /// <summary>Fixes the key of an answer that is being held, to be kept until it is released.</summary>
    HeldAnswerKey KeyForHeld(PermitClaims permit);

    /// <summary>Seals a released answer with the key fixed when it was held.</summary>
    SealedAnswer Seal(PermitClaims permit, IReadOnlyList<ProvisionCopy> copies, HeldAnswerKey key);
}
