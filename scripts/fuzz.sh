#!/usr/bin/env bash
# Coverage-guided fuzzing of the permit and copy parsers (fuzz/Linkage.Fuzz) with SharpFuzz under Debian's afl++:
# publishes the harness, instruments the assemblies that parse (ours and Google.Protobuf), runs afl-fuzz for
# FUZZ_SECONDS per target from the seed corpus in fuzz/corpus/TARGET, prints executions, crashes and hangs per target,
# and copies every crashing or hanging input into fuzz/regressions/TARGET/ (named by its SHA-256), where
# Linkage.Property.Tests replays it in every `make test`. Exits 1 on any crash or hang, 3 when afl++ is missing.
# FUZZ_TARGETS="permit copy" chooses the targets. Work files: fuzz/.out/ (removed at the start of each run).
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${FUZZ_SECONDS:-60}
targets=(${FUZZ_TARGETS:-permit copy})
config=${CONFIG:-Release}
out=fuzz/.out

if ! command -v afl-fuzz >/dev/null; then
  echo "afl-fuzz not found: install Debian's afl++ (apt-get install -y afl++) and run make fuzz again" >&2
  exit 3
fi

rm -rf "$out"
mkdir -p "$out/findings"
dotnet tool restore >/dev/null
dotnet publish fuzz/Linkage.Fuzz -c "$config" -o "$out/bin" -nologo -v q

# Only what reads the inputs is instrumented, so that afl-fuzz's coverage map is about the parsers and not the host.
instrument() { dotnet sharpfuzz "$out/bin/$1" "${@:2}"; }
instrument Google.Protobuf.dll
instrument Linkage.Contracts.dll Linkage.Contracts.Network.V1.Permit,Linkage.Contracts.Network.V1.Route,Linkage.Contracts.V1.Copy,Linkage.Contracts.V1.ItemValue
instrument Linkage.Domain.dll
instrument Linkage.Network.Client.dll Linkage.Network.Client.SignedPermitVerifier
instrument Linkage.Gateway.dll Linkage.Gateway.Copies.CopyMapping

# The harness's .NET host is not built by afl's compiler (SharpFuzz reports coverage itself); the machine's
# core_pattern and CPU frequency governor are not ours to change, and the cores are shared, so none is bound.
export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1

status=0
for target in "${targets[@]}"; do
  findings="$out/findings/$target"
  echo "fuzzing $target for ${seconds}s (afl-fuzz log: $findings.log)"
  # -t: a generous time-out per input, since a restarted .NET child spends seconds starting on busy cores.
  afl-fuzz -i "fuzz/corpus/$target" -o "$findings" -V "$seconds" -t 10000 -m none -- \
    dotnet "$out/bin/Linkage.Fuzz.dll" "$target" >"$findings.log" 2>&1 || {
      echo "afl-fuzz failed on $target; the end of its log:" >&2; tail -n 30 "$findings.log" >&2; exit 1; }
  stats="$findings/default/fuzzer_stats"
  stat() { sed -n "s/^$1 *: *//p" "$stats"; }
  crashes=$(stat saved_crashes); hangs=$(stat saved_hangs)
  echo "$target: $(stat execs_done) executions in $(stat run_time)s ($(stat execs_per_sec)/s), $(stat corpus_count) inputs in the corpus, $(stat edges_found) edges, crashes: $crashes, hangs: $hangs"
  mkdir -p "fuzz/regressions/$target"
  for input in "$findings"/default/crashes/id:* "$findings"/default/hangs/id:*; do
    [ -e "$input" ] || continue
    name=$(sha256sum "$input" | cut -c1-16)
    cp "$input" "fuzz/regressions/$target/$name"
    echo "  kept $(basename "$(dirname "$input")") input as fuzz/regressions/$target/$name"
  done
  if [ "$crashes" != 0 ] || [ "$hangs" != 0 ]; then status=1; fi
done
exit "$status"
