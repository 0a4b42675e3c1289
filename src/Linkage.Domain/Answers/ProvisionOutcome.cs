namespace Linkage.Domain.Answers;

/// <summary>The network's outcome categories. Refusals are <see cref="NotProvided"/> with the refusal's reason.</summary>
public enum ProvisionOutcome
{
    Provided = 1,
    Held = 2,
    NotProvided = 3,
}
