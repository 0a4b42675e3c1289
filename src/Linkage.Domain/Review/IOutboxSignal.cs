namespace Linkage.Domain.Review;

/// <summary>Tells the outbox's dispatcher that an answer is waiting, so that it need not wait for its next round.</summary>
public interface IOutboxSignal
{
    void Wake();
}
