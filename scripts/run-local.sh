#!/usr/bin/env bash
# Starts the whole system locally: resident registry, hub, the gateways of Hitachinaka (provider) and Mito
# (another municipality), each with its own SQLite file under .run/data; then seeds symbols and copies for a few
# residents so that an inquiry has something to find. Ctrl-C stops everything.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
config=${CONFIG:-Debug}
certs=$root/certs-dev
run=$root/.run
mkdir -p "$run/logs" "$run/data"
pids=()

cleanup() { [ ${#pids[@]} -gt 0 ] && kill "${pids[@]}" 2>/dev/null; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM

# start NAME PROJECT_DIR CERT URL [VAR=VALUE ...]: runs the built project from its own folder (where its
# appsettings.json is), with mTLS files and settings passed as environment variables.
start() {
  local name=$1 dir=$2 cert=$3 url=$4; shift 4
  ( cd "$root/$dir" && exec env DOTNET_ENVIRONMENT=Development ASPNETCORE_URLS="$url" \
      Tls__AuthorityCertificate="$certs/ca.pem" Tls__Certificate="$certs/$cert.pem" Tls__PrivateKey="$certs/$cert.key" \
      Tls__RevocationList="$certs/ca.crl" \
      "$@" dotnet "bin/$config/net10.0/$(basename "$dir").dll" ) >"$run/logs/$name.log" 2>&1 &
  pids+=($!)
}

hub_pub=$(tr -d '\n' <"$certs/hub-signing.pub")
start registry simulators/Linkage.Registry.Sim registry https://localhost:7400
start hub simulators/Linkage.Network.Sim hub https://localhost:7300 \
  Hub__SigningKey="$(tr -d '\n' <"$certs/hub-signing.key")" Hub__SymbolSecret="$(tr -d '\n' <"$certs/hub-symbol.secret")" \
  Hub__RegistryAddress=https://localhost:7400
gateway() {
  local name=$1 code=$2 port=$3
  start "gateway-$name" src/Linkage.Gateway "gateway-$name" "https://localhost:$port" \
    Gateway__InstitutionCode="$code" Gateway__InstitutionName="$name" Gateway__DatabasePath="$run/data/$name.db" \
    Gateway__HubSigningKey="$hub_pub" Gateway__HubSigningKeyId=hub-dev-1 Gateway__HubInstitutionCode=9000000000000001 Network__HubAddress=https://localhost:7300 \
    CopyEncryption__ActiveKeyId=dev-1 CopyEncryption__KeyFile="$certs/gateway-$name.copykeys"
}
gateway hitachinaka 1000082210000000 7100
gateway mito 1000082015000000 7200

cli() { dotnet "$root/src/Linkage.Cli/bin/$config/net10.0/linkage.dll" "$@"; }
for port in 7100 7200; do
  for _ in $(seq 1 120); do
    cli health --address "https://localhost:$port" --cert "$certs/hub" >/dev/null 2>&1 && break
    sleep 0.5
  done
  cli health --address "https://localhost:$port" --cert "$certs/hub" >/dev/null || { echo "gateway on $port did not come up; see $run/logs" >&2; exit 1; }
done

# Seeding problems are reported but do not stop the system: it is still worth trying.
sim() { local project=$1; shift; dotnet "$root/simulators/$project/bin/$config/net10.0/$project.dll" "$@" || echo "($project reported problems above; continuing)"; }
sim Linkage.AddressSystem.Sim acquire --registry https://localhost:7400 --gateway https://localhost:7100 \
  --cert "$certs/address-hitachinaka" --prefix 08221 --count 50
sim Linkage.AddressSystem.Sim acquire --registry https://localhost:7400 --gateway https://localhost:7200 \
  --cert "$certs/address-mito" --prefix 08201 --count 50
sim Linkage.HealthSystem.Sim register --gateway https://localhost:7100 --cert "$certs/health-hitachinaka" --prefix 08221 --count 50

cat <<MSG

Linkage is running (logs in .run/logs, databases in .run/data):
  gateway  ひたちなか市長 1000082210000000   https://localhost:7100
  gateway  水戸市長       1000082015000000   https://localhost:7200
  hub      provision network (simulated)     https://localhost:7300
  registry resident registry (simulated)     https://localhost:7400
Every port speaks gRPC over mutual TLS; certificates are in certs-dev/ (ca.pem is the authority).

Try it in another terminal:
  make try          Mito's health management system asks Hitachinaka for a resident's osteoporosis screening
  dotnet src/Linkage.Cli/bin/$config/net10.0/linkage.dll stats --gateway https://localhost:7100 --cert certs-dev/staff-admin
  dotnet src/Linkage.Cli/bin/$config/net10.0/linkage.dll verify --gateway https://localhost:7100 --cert certs-dev/staff-auditor

Ctrl-C stops everything.
MSG
wait
