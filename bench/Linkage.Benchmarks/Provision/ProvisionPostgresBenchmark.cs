using Linkage.Storage.Database;

namespace Linkage.Benchmarks.Provision;

/// <summary>
/// The provision benchmark on PostgreSQL (the platform's database: the institution's own schema and role) and on SQLite
/// (the default) in the same rounds of the same process, each provider gateway in a network of its own, against the
/// one bare gRPC echo: throughput ratios and p99s, and what the PostgreSQL cluster committed, logged and flushed.
/// </summary>
public sealed class ProvisionPostgresBenchmark() : ProvisionBenchmark("provision-postgresql", [StorageProvider.Sqlite, StorageProvider.PostgreSql]);
