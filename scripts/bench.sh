#!/usr/bin/env bash
# make bench: builds in Release, runs the benchmarks (all, or those named in BENCH="a b"), and assembles
# BENCHMARKS.md from the sections in bench/results/. Every figure is a ratio against a baseline from the same run.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
dotnet build bench/Linkage.Benchmarks -c Release -nologo -v q
runner="bench/Linkage.Benchmarks/bin/Release/net10.0/Linkage.Benchmarks.dll"
# One process per benchmark: a benchmark that filled a 10-million-row database leaves collections and checkpoints
# behind that would be measured as part of the next one. Those that measure PostgreSQL (`--list-postgresql`) run on a
# throwaway cluster of their own (scripts/pg-local.sh); where PostgreSQL is not installed they run without one and
# their section says they were not measured. The others never see a cluster, whatever the caller's environment holds.
postgres=" $(dotnet "$runner" --list-postgresql | tr '\n' ' ') "
installed=false
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null && installed=true
for name in ${BENCH:-$(dotnet "$runner" --list)}; do
  if [[ "$postgres" == *" $name "* ]] && $installed; then
    LINKAGE_BENCH_RESULTS="$root/bench/results" scripts/pg-local.sh run -- dotnet "$runner" "$name"
  else
    [[ "$postgres" == *" $name "* ]] && echo "bench: $name needs PostgreSQL, which is not installed (apt-get install -y postgresql); its section says so" >&2
    env -u LINKAGE_POSTGRES LINKAGE_BENCH_RESULTS="$root/bench/results" dotnet "$runner" "$name"
  fi
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
