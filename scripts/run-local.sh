#!/usr/bin/env bash
# Starts the whole system locally: resident registry, hub, the gateways of Hitachinaka (provider) and Mito
# (another municipality), each with its own SQLite file under .run/data. Before the gateways start, each gets its
# first administrator (bootstrap-admin); once they are up, the administrator registers the other staff and the
# back-office systems. Then it seeds symbols and copies for a few residents so that an inquiry has something to
# find. Re-running on an existing .run/ keeps what is registered. Ctrl-C stops everything. LINKAGE_RUN names another
# folder than .run/ (scripts/log-scan.sh runs the demo afresh in a temporary one).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
config=${CONFIG:-Debug}
certs=$root/certs-dev
run=${LINKAGE_RUN:-$root/.run}
sessions=$run/sessions
mkdir -p "$run/logs" "$run/data"
pids=()

cli() { dotnet "$root/src/Linkage.Cli/bin/$config/net10.0/linkage.dll" "$@"; }

# bootstrap-admin DB CODE ID NAME CERT: the first administrator, written into the database before its gateway starts
# (a gateway reads its registry at start). On a re-run the administrator exists already, which is fine.
bootstrap() {
  local out
  if out=$(cli bootstrap-admin --database "$run/data/$1.db" --institution "$2" --id "$3" --name "$4" --certificate "$certs/$5.pem" 2>&1); then
    echo "$out" | head -1
  elif ! grep -q ADMINISTRATOR_EXISTS <<<"$out"; then
    echo "$out" >&2
    exit 1
  fi
}
bootstrap hitachinaka 1000082210000000 staff-0002 "管理者 (開発)" staff-admin
if [ -f "$certs/staff-admin-mito.pem" ]; then bootstrap mito 1000082015000000 staff-0102 "水戸 管理者 (開発)" staff-admin-mito; fi

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
  Hub__RegistryAddress=https://localhost:7400 Hub__DatabasePath="$run/data/hub.db" \
  Hub__Institutions__0__CheckpointKey="$(tr -d '\n' <"$certs/gateway-hitachinaka-checkpoint.pub")" Hub__Institutions__0__CheckpointKeyId=checkpoint-dev-1 \
  Hub__Institutions__1__CheckpointKey="$(tr -d '\n' <"$certs/gateway-mito-checkpoint.pub")" Hub__Institutions__1__CheckpointKeyId=checkpoint-dev-1
gateway() {
  local name=$1 code=$2 port=$3 console=$4
  start "gateway-$name" src/Linkage.Gateway "gateway-$name" "https://localhost:$port" Console__Url="https://localhost:$console" \
    Gateway__InstitutionCode="$code" Gateway__InstitutionName="$name" Gateway__DatabasePath="$run/data/$name.db" \
    Gateway__HubSigningKey="$hub_pub" Gateway__HubSigningKeyId=hub-dev-1 Gateway__HubInstitutionCode=9000000000000001 Network__HubAddress=https://localhost:7300 \
    InstitutionKeys__KeyFile="$certs/institution-keys/$code.kek" \
    Checkpoints__KeyFile="$certs/gateway-$name-checkpoint.key" Checkpoints__KeyId=checkpoint-dev-1 \
    Checkpoints__PublicKey="$(tr -d '\n' <"$certs/gateway-$name-checkpoint.pub")"
}
gateway hitachinaka 1000082210000000 7100 7101
gateway mito 1000082015000000 7200 7201

for port in 7100 7200; do
  for _ in $(seq 1 120); do
    cli health --address "https://localhost:$port" --cert "$certs/hub" >/dev/null 2>&1 && break
    sleep 0.5
  done
  cli health --address "https://localhost:$port" --cert "$certs/hub" >/dev/null || { echo "gateway on $port did not come up; see $run/logs" >&2; exit 1; }
done

# admin PORT ADMIN COMMAND...: an administrator's command in the script's own session (not the operator's).
admin() {
  local port=$1 who=$2; shift 2
  cli "$@" --gateway "https://localhost:$port" --cert "$certs/$who" --session-file "$sessions/$who"
}
# signin PORT ADMIN, then what the gateway has registered already (a re-run keeps .run/data).
signin() {
  cli signin --gateway "https://localhost:$1" --cert "$certs/$2" --session-file "$sessions/$2" >/dev/null || {
    echo "$2 cannot sign in at $1. If certs-dev/ was made again after .run/data, start afresh: rm -rf .run && make run" >&2
    exit 1
  }
  registered=$(admin "$1" "$2" staff list --all --json; admin "$1" "$2" systems list --all --json)
}
# register PORT ADMIN ID COMMAND...: adds staff or a system unless it is registered already.
register() {
  local port=$1 who=$2 id=$3; shift 3
  grep -Eq "\"(staffId|systemId)\": *\"$id\"" <<<"$registered" || admin "$port" "$who" "$@" --id "$id" >/dev/null
}
signin 7100 staff-admin
register 7100 staff-admin staff-0001 staff add --name "審査担当 (開発)" --role reviewer --certificate "$certs/staff-reviewer.pem"
register 7100 staff-admin staff-0003 staff add --name "監査担当 (開発)" --role auditor --certificate "$certs/staff-auditor.pem"
register 7100 staff-admin health-hitachinaka systems add --name "health management system" --role health-system --certificate "$certs/health-hitachinaka.pem"
register 7100 staff-admin address-hitachinaka systems add --name "address system" --role address-system --certificate "$certs/address-hitachinaka.pem"
# Hold flags on residents #1 and #2 (#0 stays unflagged for make try): their answers wait for a reviewer.
for resident in 1 2; do
  person=$(dotnet "$root/simulators/Linkage.AddressSystem.Sim/bin/$config/net10.0/Linkage.AddressSystem.Sim.dll" person --prefix 08221 --resident "$resident")
  flags=$(admin 7100 staff-admin flags list --person "$person" --json)
  grep -q '"flagId"' <<<"$flags" || admin 7100 staff-admin flags set --person "$person" --reason support-measure >/dev/null
done
admin 7100 staff-admin signout >/dev/null
signin 7200 staff-admin-mito
register 7200 staff-admin-mito health-mito systems add --name "health management system" --role health-system --certificate "$certs/health-mito.pem"
register 7200 staff-admin-mito address-mito systems add --name "address system" --role address-system --certificate "$certs/address-mito.pem"
admin 7200 staff-admin-mito signout >/dev/null
echo "registered staff-0001 (reviewer) and staff-0003 (auditor) at Hitachinaka, and each city's health and address systems"
echo "hold flags (support measure) on Hitachinaka's residents #1 and #2: RESIDENT=1 make try comes back held"

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

The review console (職員コンソール), in a desktop browser that trusts certs-dev/ca.pem as an authority:
  https://localhost:7101   ひたちなか市 — import certs-dev/staff-reviewer.p12 (審査担当), staff-admin.p12 (管理者)
                           or staff-auditor.p12 (監査担当); the browser presents it when the page asks
  https://localhost:7201   水戸市 — certs-dev/staff-admin-mito.p12
  password of the .p12 files: $(cat "$certs/staff-p12.password" 2>/dev/null || echo "(run make certs)")
  (README.md, "The review console", says how to import them)

Try it in another terminal:
  make try          Mito's health management system asks Hitachinaka for a resident's osteoporosis screening

Staff sign in with their certificate (certs-dev/staff-admin, staff-reviewer, staff-auditor of Hitachinaka;
staff-admin-mito of Mito); the session is kept in ~/.config/linkage/sessions/ (or --session-file):
  L="dotnet src/Linkage.Cli/bin/$config/net10.0/linkage.dll"; G="--gateway https://localhost:7100"
  \$L signin \$G --cert certs-dev/staff-admin
  \$L whoami \$G --cert certs-dev/staff-admin
  \$L staff list \$G --cert certs-dev/staff-admin
  \$L systems list \$G --cert certs-dev/staff-admin
  \$L flags list \$G --cert certs-dev/staff-admin
  \$L stats \$G --cert certs-dev/staff-admin
  \$L signin \$G --cert certs-dev/staff-auditor --session-file .run/auditor.session
  \$L operations \$G --cert certs-dev/staff-auditor --session-file .run/auditor.session
  \$L verify --chain operations \$G --cert certs-dev/staff-auditor --session-file .run/auditor.session

Ctrl-C stops everything.
MSG
wait
