#!/usr/bin/env bash
# One inquiry through the running system: Mito's back office asks its gateway, which asks Hitachinaka through the hub.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
config=${CONFIG:-Debug}
resident=${RESIDENT:-0}
person=$(dotnet "$root/simulators/Linkage.AddressSystem.Sim/bin/$config/net10.0/Linkage.AddressSystem.Sim.dll" person --prefix 08201 --resident "$resident")
echo "Mito asks Hitachinaka for the osteoporosis screening of synthetic resident #$resident (Mito's number $person):"
dotnet "$root/src/Linkage.Cli/bin/$config/net10.0/linkage.dll" inquire --gateway https://localhost:7200 --cert "$root/certs-dev/health-mito" \
  --person "$person" --provider 1000082210000000 --information TM00000000013903
