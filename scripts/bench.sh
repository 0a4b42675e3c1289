#!/usr/bin/env bash
# make bench: builds in Release, runs the benchmarks (all, or those named in BENCH="a b"), and assembles
# BENCHMARKS.md from the sections in bench/results/. Every figure is a ratio against a baseline from the same run.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
dotnet build bench/Linkage.Benchmarks -c Release -nologo -v q
runner="bench/Linkage.Benchmarks/bin/Release/net10.0/Linkage.Benchmarks.dll"
# One process per benchmark: a benchmark that filled a 10-million-row database leaves collections and checkpoints
# behind that would be measured as part of the next one.
for name in ${BENCH:-$(dotnet "$runner" --list)}; do
  LINKAGE_BENCH_RESULTS="$root/bench/results" dotnet "$runner" "$name"
done
{
  echo "# Benchmarks"
  echo
  echo "Produced by \`make bench\` (scripts/bench.sh) on this project's machine kind: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB."
  echo "Each section says when it was measured; ratios compare against a baseline measured in the same run."
  echo
  for section in bench/results/*.md; do cat "$section"; echo; done
} > BENCHMARKS.md
echo "wrote BENCHMARKS.md"
