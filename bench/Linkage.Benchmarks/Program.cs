using Linkage.Benchmarks;

// dotnet Linkage.Benchmarks.dll [name ...] — runs the named benchmarks (all when none is named) and writes each
// section to bench/results/<name>.md; `--list` prints the names, `--list-postgresql` those that need a PostgreSQL
// cluster (LINKAGE_POSTGRES, from scripts/pg-local.sh). scripts/bench.sh runs each benchmark in a process
// of its own (so that none measures the leftovers of another) and assembles BENCHMARKS.md from the sections.
var all = typeof(IBenchmark).Assembly.GetTypes()
    .Where(t => t is { IsAbstract: false, IsInterface: false } && typeof(IBenchmark).IsAssignableFrom(t))
    .Select(t => (IBenchmark)Activator.CreateInstance(t)!)
    .OrderBy(b => b.Name, StringComparer.Ordinal)
    .ToList();
if (args is ["--list"] or ["--list-postgresql"])
{
    foreach (var benchmark in all.Where(b => args[0] == "--list" || b.NeedsPostgreSql)) Console.WriteLine(benchmark.Name);
    return 0;
}
var chosen = args.Length == 0 ? all : all.Where(b => args.Contains(b.Name)).ToList();
if (chosen.Count == 0)
{
    Console.Error.WriteLine($"Unknown benchmark. Known: {string.Join(", ", all.Select(b => b.Name))}");
    return 2;
}

var results = Path.Combine(Environment.GetEnvironmentVariable("LINKAGE_BENCH_RESULTS") ?? "bench/results");
Directory.CreateDirectory(results);
foreach (var benchmark in chosen)
{
    Console.WriteLine($"== {benchmark.Name}");
    var section = benchmark.NeedsPostgreSql && BenchPostgres.AdminConnectionString is null
        ? BenchPostgres.Skipped(benchmark.Name)
        : await benchmark.RunAsync(CancellationToken.None);
    await File.WriteAllTextAsync(Path.Combine(results, benchmark.Name + ".md"), section);
    Console.WriteLine(section);
}
return 0;
