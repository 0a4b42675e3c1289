using Linkage.Storage.Database;

namespace Linkage.Benchmarks;

/// <summary>
/// The symbols benchmark on PostgreSQL (the measured gateway in its institution's schema, as its role), with the same
/// load on SQLite first in the same process as the figure to compare with.
/// </summary>
public sealed class SymbolsPostgresBenchmark() : SymbolsBenchmark("symbols-postgresql", [StorageProvider.Sqlite, StorageProvider.PostgreSql]);
