using Linkage.Storage.Database;

namespace Linkage.Benchmarks.Copies;

/// <summary>
/// The copies-bulk benchmark on PostgreSQL: CopyRegistration's bulk path (PostgresCopyBatchStore: binary COPY into a
/// staging table, INSERT … SELECT into Copies) against one raw binary COPY of the same rows into the same table.
/// </summary>
public sealed class CopiesBulkPostgresBenchmark() : CopiesBulkBenchmark("copies-bulk-postgresql", StorageProvider.PostgreSql);
