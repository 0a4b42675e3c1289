using System.ComponentModel.DataAnnotations;
using Linkage.Domain.Symbols;

namespace Linkage.Gateway.Options;

/// <summary>How AcquireSymbols works through a stream (section "SymbolBatch"); the defaults suit a 155,000-person load.</summary>
public sealed class SymbolBatchOptions
{
    public const string Section = "SymbolBatch";

    /// <summary>Rows per hub exchange and per transaction.</summary>
    [Range(1, 5_000)] public int ChunkSize { get; set; } = SymbolBatchSettings.Default.ChunkSize;

    /// <summary>Chunks in flight at once: overlaps the hub's round trips with the writes.</summary>
    [Range(1, 64)] public int Parallelism { get; set; } = SymbolBatchSettings.Default.Parallelism;
}
