#!/usr/bin/env bash
# make run-platform: the shared platform locally. A throwaway PostgreSQL cluster (scripts/pg-local.sh) with a schema
# and role per municipality; two platform nodes (node-1, node-2) both serving Hitachinaka, Mito and Tsukuba from those
# schemas, each node with its own record chains and checkpoint keys; the hub simulator spreading relayed inquiries over
# both nodes; the resident registry simulator. Each city's first administrator is written into its schema before the
# nodes start, then registers the city's back-office systems; symbols and copies are seeded. Everything, the cluster
# included, is made afresh under .run-platform/ and removed data and all by Ctrl-C.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
config=${CONFIG:-Debug}
certs=$root/certs-dev
run=$root/.run-platform
platform=9000000000000100
hub_code=9000000000000001
rm -rf "$run"
mkdir -p "$run/logs" "$run/settings" "$run/sessions"
chmod 700 "$run"
pids=()
pg_dir=""

cli() { dotnet "$root/src/Linkage.Cli/bin/$config/net10.0/linkage.dll" "$@"; }
cleanup() {
  [ ${#pids[@]} -gt 0 ] && kill "${pids[@]}" 2>/dev/null; wait 2>/dev/null || true
  [ -n "$pg_dir" ] && "$root/scripts/pg-local.sh" stop "$pg_dir"
}
trap cleanup EXIT INT TERM

eval "$("$root/scripts/pg-local.sh" start)"
pg_dir=$LINKAGE_PG_DIR
export LINKAGE_POSTGRES

# name code display-name admin-certificate admin-id
cities=(
  "hitachinaka 1000082210000000 ひたちなか市長 staff-admin staff-0002"
  "mito 1000082015000000 水戸市長 staff-admin-mito staff-0102"
  "tsukuba 1000082201000000 つくば市長 staff-admin-tsukuba staff-0202"
)
for city in "${cities[@]}"; do
  read -r name code display admin admin_id <<<"$city"
  cli platform add-institution --institution "$code" --out "$run/settings/$name.connection" >/dev/null
  cli bootstrap-admin --postgres "$(cat "$run/settings/$name.connection")" --institution "$code" --id "$admin_id" \
    --name "$display 管理者 (開発)" --certificate "$certs/$admin.pem" | head -1
done

# institution-settings NODE NAME CODE DISPLAY: what one node needs to serve one city (a settings file per node and city).
checkpoint_key() { if [ "$1" = node-1 ]; then echo "$certs/gateway-$2-checkpoint"; else echo "$certs/gateway-$2-$1-checkpoint"; fi; }
institution_settings() {
  local node=$1 name=$2 code=$3 display=$4 other
  other=$([ "$node" = node-1 ] && echo node-2 || echo node-1)
  python3 - "$run/settings/$node-$name.json" <<PY
import json, sys
settings = {
  "Gateway": {"InstitutionCode": "$code", "InstitutionName": "$display", "NodeId": "$node",
              "HubSigningKey": open("$certs/hub-signing.pub").read().strip(), "HubSigningKeyId": "hub-dev-1",
              "HubInstitutionCode": "$hub_code"},
  "Network": {"HubAddress": "https://localhost:7300"},
  "Storage": {"Provider": "PostgreSql", "ConnectionString": open("$run/settings/$name.connection").read().strip()},
  "Tls": {"AuthorityCertificate": "$certs/ca.pem", "Certificate": "$certs/gateway-$name.pem",
          "PrivateKey": "$certs/gateway-$name.key", "RevocationList": "$certs/ca.crl"},
  "InstitutionKeys": {"KeyFile": "$certs/institution-keys/$code.kek"},
  "Checkpoints": {"KeyFile": "$(checkpoint_key "$node" "$name").key", "KeyId": "checkpoint-$node",
                  "PublicKey": open("$(checkpoint_key "$node" "$name").pub").read().strip(),
                  "Peers": {"$other": {"PublicKey": open("$(checkpoint_key "$other" "$name").pub").read().strip(),
                                       "KeyId": "checkpoint-$other"}}},
}
with open(sys.argv[1], "w") as f: json.dump(settings, f, ensure_ascii=False, indent=2)
PY
  chmod 600 "$run/settings/$node-$name.json"
}

# start NAME PROJECT_DIR CERT URL [VAR=VALUE ...]: the built project, from its own folder, with mTLS files and settings.
start() {
  local name=$1 dir=$2 cert=$3 url=$4; shift 4
  ( cd "$root/$dir" && exec env DOTNET_ENVIRONMENT=Development ASPNETCORE_URLS="$url" \
      Tls__AuthorityCertificate="$certs/ca.pem" Tls__Certificate="$certs/$cert.pem" Tls__PrivateKey="$certs/$cert.key" \
      Tls__RevocationList="$certs/ca.crl" \
      "$@" dotnet "bin/$config/net10.0/$(basename "$dir").dll" ) >"$run/logs/$name.log" 2>&1 &
  pids+=($!)
}

hub_settings=()
i=0
for city in "${cities[@]}"; do
  read -r name code display _ _ <<<"$city"
  hub_settings+=(
    "Hub__Institutions__${i}__Nodes__0__Url=https://localhost:7500" "Hub__Institutions__${i}__Nodes__0__Peer=$platform"
    "Hub__Institutions__${i}__Nodes__1__Url=https://localhost:7600" "Hub__Institutions__${i}__Nodes__1__Peer=$platform"
    "Hub__Institutions__${i}__CheckpointKeys__0__PublicKey=$(tr -d '\n' <"$(checkpoint_key node-1 "$name").pub")"
    "Hub__Institutions__${i}__CheckpointKeys__0__KeyId=checkpoint-node-1"
    "Hub__Institutions__${i}__CheckpointKeys__1__PublicKey=$(tr -d '\n' <"$(checkpoint_key node-2 "$name").pub")"
    "Hub__Institutions__${i}__CheckpointKeys__1__KeyId=checkpoint-node-2"
  )
  i=$((i + 1))
done
start registry simulators/Linkage.Registry.Sim registry https://localhost:7400
start hub simulators/Linkage.Network.Sim hub https://localhost:7300 \
  Hub__SigningKey="$(tr -d '\n' <"$certs/hub-signing.key")" Hub__SymbolSecret="$(tr -d '\n' <"$certs/hub-symbol.secret")" \
  Hub__RegistryAddress=https://localhost:7400 Hub__DatabasePath="$run/hub.db" "${hub_settings[@]}"

for node in node-1 node-2; do
  port=$([ "$node" = node-1 ] && echo 7500 || echo 7600)
  entries=()
  i=0
  for city in "${cities[@]}"; do
    read -r name code display _ _ <<<"$city"
    institution_settings "$node" "$name" "$code" "$display"
    entries+=("Platform__Institutions__${i}__SettingsFile=$run/settings/$node-$name.json")
    i=$((i + 1))
  done
  start "$node" src/Linkage.Gateway platform-node "https://localhost:$port" Platform__NodeId="$node" \
    Console__Url="https://localhost:$((port + 1))" "${entries[@]}"
done

for port in 7500 7600; do
  for _ in $(seq 1 120); do
    cli health --address "https://localhost:$port" --cert "$certs/staff-admin" >/dev/null 2>&1 && break
    sleep 0.5
  done
  cli health --address "https://localhost:$port" --cert "$certs/staff-admin" >/dev/null \
    || { echo "platform node on $port did not come up; see $run/logs" >&2; exit 1; }
done

# Each city's administrator signs in (through node-1) and registers its back-office systems.
admin() { local who=$1; shift; cli "$@" --gateway https://localhost:7500 --cert "$certs/$who" --session-file "$run/sessions/$who"; }
for city in "${cities[@]}"; do
  read -r name code _ admin_certificate _ <<<"$city"
  admin "$admin_certificate" signin >/dev/null
  [ -f "$certs/health-$name.pem" ] && admin "$admin_certificate" systems add --id "health-$name" --name "health management system" \
    --role health-system --certificate "$certs/health-$name.pem" >/dev/null
  [ -f "$certs/address-$name.pem" ] && admin "$admin_certificate" systems add --id "address-$name" --name "address system" \
    --role address-system --certificate "$certs/address-$name.pem" >/dev/null
  admin "$admin_certificate" signout >/dev/null
done
echo "registered each city's health and address systems"

sim() { local project=$1; shift; dotnet "$root/simulators/$project/bin/$config/net10.0/$project.dll" "$@" || echo "($project reported problems above; continuing)"; }
sim Linkage.AddressSystem.Sim acquire --registry https://localhost:7400 --gateway https://localhost:7500 \
  --cert "$certs/address-hitachinaka" --prefix 08221 --count 50
sim Linkage.AddressSystem.Sim acquire --registry https://localhost:7400 --gateway https://localhost:7600 \
  --cert "$certs/address-mito" --prefix 08201 --count 50
sim Linkage.HealthSystem.Sim register --gateway https://localhost:7600 --cert "$certs/health-hitachinaka" --prefix 08221 --count 50

cat <<MSG

The Linkage platform is running (logs in .run-platform/logs; PostgreSQL data in $pg_dir):
  node-1   platform node: ひたちなか市長, 水戸市長, つくば市長   https://localhost:7500  (console https://localhost:7501)
  node-2   platform node: the same three, its own chains       https://localhost:7600  (console https://localhost:7601)
  hub      provision network (simulated), spreads over both   https://localhost:7300
  registry resident registry (simulated)                      https://localhost:7400
  postgres ${LINKAGE_POSTGRES%%;Username*}  (a schema and a role per city: inst_CODE, linkage_CODE)
Calls are placed by the caller's certificate (back office, staff) or the hub's linkage-audience; either node serves
every city. Every port speaks gRPC over mutual TLS (certs-dev/ca.pem is the authority).

Try it in another terminal:
  L="dotnet src/Linkage.Cli/bin/$config/net10.0/linkage.dll"
  P=\$(dotnet simulators/Linkage.AddressSystem.Sim/bin/$config/net10.0/Linkage.AddressSystem.Sim.dll person --prefix 08201 --resident 0)
  \$L inquire --gateway https://localhost:7500 --cert certs-dev/health-mito --person \$P --provider 1000082210000000 --information TM00000000013903
  \$L signin --gateway https://localhost:7600 --cert certs-dev/staff-admin --session-file .run-platform/sessions/a
  \$L verify --gateway https://localhost:7600 --cert certs-dev/staff-admin --session-file .run-platform/sessions/a
      (every node's chain of Hitachinaka, whichever node is asked)

Ctrl-C stops everything and removes the cluster.
MSG
wait
