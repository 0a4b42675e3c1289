using System.ComponentModel.DataAnnotations;
using Linkage.Domain.Symbols;
using Linkage.Gateway.Services;
using Microsoft.Extensions.Options;

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

public static class SymbolBatchRegistration
{
    public static IServiceCollection AddSymbolBatches(this IServiceCollection services)
    {
        services.AddOptions<SymbolBatchOptions>().BindConfiguration(SymbolBatchOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ISymbolBatchObserver, SymbolBatchLog>();
        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<SymbolBatchOptions>>().Value;
            return SymbolBatchSettings.Default with { ChunkSize = options.ChunkSize, Parallelism = options.Parallelism };
        });
        services.AddSingleton<SymbolBatchAcquisition>();
        services.AddSingleton<SymbolMappings>();
        return services;
    }
}
