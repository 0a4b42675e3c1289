namespace Linkage.Domain.Permits;

/// <summary>The current, signature-checked permitted-inquiry list, or null before the first one arrived.</summary>
public interface IPermittedListSource
{
    PermittedList? Current { get; }
}
