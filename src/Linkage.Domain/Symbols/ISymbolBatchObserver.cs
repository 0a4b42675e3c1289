namespace Linkage.Domain.Symbols;

/// <summary>Watches a batch's progress (for the logs and the operators); receives counts only, never personal data.</summary>
public interface ISymbolBatchObserver
{
    void Progress(SymbolBatchCounts counts);

    void ChunkFailed(int rows, string reason);

    void Completed(SymbolBatchCounts counts, TimeSpan elapsed);
}
