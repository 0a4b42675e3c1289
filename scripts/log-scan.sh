#!/usr/bin/env bash
# The log scan (issue 16): a full demo run, then every log it wrote searched for the personal data the demo holds.
#
# The demo is the README's: `make run` (scripts/run-local.sh, in a fresh temporary run folder), `make try` for a
# provided and two held answers, another municipality's inquiries through the hub, a load of valid and invalid
# inquiries, a reviewer's preview, approvals and a decline, the back office's and the other municipality's pick-up,
# and a disclosure of one person's records (command line and review console), then an auditor's verification. While it is still up,
# tests/Linkage.LogScan reads what personal data it holds: the seeded residents (individual numbers, resident codes,
# names, addresses), the internal address numbers and symbols in the gateways' databases, and the item values of
# every copy, read back through the provider gateway. After everything has stopped, every file under the run's logs/
# (the console output of the registry, the hub, both gateways and run-local.sh itself) is searched for every value.
# Findings are printed as file:line and kind, never the value; the logs must also hold the events the run caused,
# and as a control the same scan must find internal address numbers and item values in the clients' own output
# (make try prints both on purpose), which is not a log and is not counted as a finding.
#
# As root the whole run happens in a network namespace of its own (unshare -n), so its ports (7100-7400) never meet
# another `make run` on this machine; otherwise on this machine's loopback, where those ports must be free.
# Exits 0 when nothing was found, 1 on a finding, a missing event or a demo step that failed. The run folder is
# removed on success and kept (its path printed) otherwise; KEEP_RUN=1 keeps it always.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
config=${CONFIG:-Debug}

if [ "${1:-}" != --inside ]; then
  if [ "$(id -u)" -eq 0 ] && command -v unshare >/dev/null && command -v ip >/dev/null && unshare -n true 2>/dev/null; then
    exec unshare -n -- "$0" --inside
  fi
  echo "log-scan: no network namespace (needs root, unshare and ip): using this machine's loopback, ports 7100-7400 must be free" >&2
else
  ip link set lo up
fi

command -v curl >/dev/null || { echo "log-scan: the review console is driven with curl: apt-get install -y curl" >&2; exit 1; }
certs=$root/certs-dev
run=$(mktemp -d "${TMPDIR:-/tmp}/linkage-log-scan.XXXXXX")
logs=$run/logs clients=$run/clients sessions=$run/sessions
mkdir -p "$logs" "$clients" "$sessions"
L="dotnet $root/src/Linkage.Cli/bin/$config/net10.0/linkage.dll"
M="dotnet $root/simulators/Linkage.Municipality.Sim/bin/$config/net10.0/Linkage.Municipality.Sim.dll"
ADDRESS="dotnet $root/simulators/Linkage.AddressSystem.Sim/bin/$config/net10.0/Linkage.AddressSystem.Sim.dll"
SCAN="dotnet $root/tests/Linkage.LogScan/bin/$config/net10.0/Linkage.LogScan.dll"
HITACHINAKA=1000082210000000 MITO=1000082015000000 TSUKUBA=1000082201000000
started=$SECONDS

demo=
ok=0
finish() {
  if [ -n "$demo" ] && kill -0 "$demo" 2>/dev/null; then kill "$demo" 2>/dev/null || true; wait "$demo" 2>/dev/null || true; fi
  if [ "$ok" -eq 1 ] && [ "${KEEP_RUN:-0}" != 1 ]; then rm -rf "$run"; else echo "log-scan: the run is kept in $run" >&2; fi
}
trap finish EXIT

fail() { echo "log-scan: $*" >&2; exit 1; }

# step NAME COMMAND...: a demo step whose output goes to clients/NAME (it may hold personal data: it is not printed).
step() {
  local name=$1; shift
  "$@" >"$clients/$name" 2>&1 || fail "demo step '$name' failed (exit $?); its output is $clients/$name"
}

# 1. make run, in the fresh folder; its own console output is a log too. Every process logs more than make run's
#    settings let through (Debug for Linkage, Information for ASP.NET Core, EF Core and gRPC): what an operator who
#    turns logging up would see must be free of personal data as well, and each RPC the demo made shows in the logs.
export Serilog__MinimumLevel__Default=Debug Serilog__MinimumLevel__Override__Microsoft=Information Serilog__MinimumLevel__Override__Grpc=Information
LINKAGE_RUN=$run CONFIG=$config "$root/scripts/run-local.sh" >"$logs/run-local.log" 2>&1 &
demo=$!
for _ in $(seq 1 1200); do
  grep -q "Linkage is running" "$logs/run-local.log" && break
  kill -0 "$demo" 2>/dev/null || fail "make run stopped before it was up; see $logs/run-local.log"
  sleep 0.5
done
grep -q "Linkage is running" "$logs/run-local.log" || fail "make run did not come up in 600 s; see $logs/run-local.log"
echo "log-scan: make run up after $((SECONDS - started)) s"

# 2. make try: resident #0 is provided, #1 and #2 are held for review (hold flags set by run-local.sh).
step try-0 env CONFIG="$config" RESIDENT=0 "$root/scripts/try.sh"
grep -q ": Provided" "$clients/try-0" || fail "make try did not come back provided; see $clients/try-0"
for resident in 1 2; do
  step "try-$resident" env CONFIG="$config" RESIDENT=$resident "$root/scripts/try.sh"
  grep -q ": Held" "$clients/try-$resident" || fail "RESIDENT=$resident make try did not come back held; see $clients/try-$resident"
done

# Refusals: an inquiry with a procedure not on the permitted list (refused by Mito's gateway), a copy correction with
# a value too long for its item (refused by Hitachinaka's), and a correction that is stored as a new version.
mito0=$($ADDRESS person --prefix 08201 --resident 0)
$L inquire --gateway https://localhost:7200 --cert "$certs/health-mito" --person "$mito0" --provider "$HITACHINAKA" \
  --procedure JT00000000099999 >"$clients/refused-inquiry" 2>&1 && fail "an inquiry off the permitted list was answered; see $clients/refused-inquiry"
HEALTH="dotnet $root/simulators/Linkage.HealthSystem.Sim/bin/$config/net10.0/Linkage.HealthSystem.Sim.dll"
copy=(--gateway https://localhost:7100 --cert "$certs/health-hitachinaka" --prefix 08221 --resident 0 --key 2025-57-1 --item 9N006000000000001)
$HEALTH correct "${copy[@]}" --value 123456.7 >"$clients/refused-copy" 2>&1 && fail "a copy value too long for its item was stored; see $clients/refused-copy"
step corrected-copy $HEALTH correct "${copy[@]}" --value 61.25

# 3. Another municipality without a gateway (Tsukuba) through the hub: one provided, one held; then a load of valid
#    and invalid inquiries from Tsukuba and Mito.
hub=(--hub https://localhost:7300 --registry https://localhost:7400 --address-cert "$certs/address-tsukuba" --provider "$HITACHINAKA" --state "$run/municipality")
step tsukuba-3 $M inquire "${hub[@]}" --cert "$certs/municipality-tsukuba" --resident 3
step tsukuba-1 $M inquire "${hub[@]}" --cert "$certs/municipality-tsukuba" --resident 1
step load $M load "${hub[@]}" --cert "$certs/municipality-tsukuba,$certs/gateway-mito" --rate 20 --seconds 5

# 4. A reviewer at Hitachinaka: the held items, one previewed, Mito's #1 and Tsukuba's #1 approved, Mito's #2 declined.
R=(--gateway https://localhost:7100 --cert "$certs/staff-reviewer" --session-file "$sessions/reviewer")
step reviewer-signin $L signin "${R[@]}"
step held $L review list "${R[@]}" --json --page-size 1000
held_ids() { grep -o '"heldId": *"[^"]*"' "$clients/held" | sed 's/.*"\([^"]*\)"$/\1/'; }
[ "$(held_ids | wc -l)" -ge 3 ] || fail "fewer than 3 held items after the held inquiries; see $clients/held"
mapfile -t held < <(held_ids)
step held-show $L review show "${held[0]}" "${R[@]}"
step held-preview $L review preview "${held[0]}" "${R[@]}"
step approve-0 $L review approve "${held[0]}" "${R[@]}" --comment "log scan"
step approve-1 $L review approve "${held[1]}" "${R[@]}"
step decline-2 $L review decline "${held[2]}" "${R[@]}" --reason support-measure

# 5. The answers picked up: Mito's back office once the outbox has delivered, Tsukuba from the hub's mailbox.
H=(--gateway https://localhost:7200 --cert "$certs/health-mito")
for _ in $(seq 1 60); do
  $L result "${H[@]}" --json >"$clients/results" 2>&1 || true
  grep -q '"inquiryId"' "$clients/results" && break
  sleep 1
done
grep -q '"inquiryId"' "$clients/results" || fail "no held answer reached Mito's back office in 60 s; see $clients/results"
inquiry=$(grep -o '"inquiryId": *"[^"]*"' "$clients/results" | head -1 | sed 's/.*"\([^"]*\)"$/\1/')
step result $L result "$inquiry" "${H[@]}"
$M pickup --hub https://localhost:7300 --cert "$certs/municipality-tsukuba" --state "$run/municipality" >"$clients/pickup" 2>&1 || true

# 6. A disclosure to the person concerned (resident #1 at Hitachinaka), as a table and as CSV, and in the review
#    console; an auditor verifies.
person=$($ADDRESS person --prefix 08221 --resident 1)
step disclose $L records disclose "$person" "${R[@]}" --csv "$clients/disclosure.csv"
grep -q -i "exchange" "$clients/disclose" || fail "the disclosure listed nothing; see $clients/disclose"
# The same disclosure in the review console (職員コンソール), as a browser would ask for it: the staff certificate in the
# handshake, sign-in, then the person's number posted in a form (never in an address, which the request log shows).
console=(curl -sS --fail --cert "$certs/staff-reviewer.pem" --key "$certs/staff-reviewer.key" --cacert "$certs/ca.pem"
  -b "$run/console.cookies" -c "$run/console.cookies")
form_token() { sed -n 's/.*<input name="\(__[A-Za-z]*\)" type="hidden" value="\([^"]*\)".*/\1=\2/p' "$clients/$1" | head -1; }
step console-home "${console[@]}" https://localhost:7101/
step console-signin "${console[@]}" -L https://localhost:7101/?handler=SignIn --data-urlencode "$(form_token console-home)"
step console-records "${console[@]}" https://localhost:7101/records
step console-disclose "${console[@]}" "https://localhost:7101/records?handler=Disclose" \
  --data-urlencode "$(form_token console-records)" --data-urlencode "person=$person"
grep -q "情報提供等記録の開示" "$clients/console-disclose" || fail "the console showed no disclosure; see $clients/console-disclose"
step console-held "${console[@]}" "https://localhost:7101/held/${held[2]}"
A=(--gateway https://localhost:7100 --cert "$certs/staff-auditor" --session-file "$sessions/auditor")
step auditor-signin $L signin "${A[@]}"
step verify $L verify "${A[@]}"
step operations $L operations "${A[@]}"
step reviewer-signout $L signout "${R[@]}"
step auditor-signout $L signout "${A[@]}"
echo "log-scan: demo steps done after $((SECONDS - started)) s"

# 7. What personal data the run holds, read while it is up; then everything stops and its logs are complete.
$SCAN collect --run "$run" --certs "$certs" --out "$run/values.tsv" --residents 50 \
  --prefix 08221 08201 --institution "$HITACHINAKA" "$MITO" "$TSUKUBA" || fail "could not read the demo's personal data"
kill "$demo"
wait "$demo" 2>/dev/null || true
demo=

# 8. The scan. The expected events are what the steps above did, as each process logs it.
set +e
$SCAN scan --values "$run/values.tsv" --logs "$logs" \
  --control "$clients" --control-kind internal-address-number payload-value \
  --expect "run-local.log=Linkage is running" "run-local.log=50 symbols acquired" \
  --expect "registry.log=/linkage.registry.v1.ResidentRegistry/RedeemAcquisitionNumber" \
  --expect "hub.log=/linkage.network.v1.ProvisionNetwork/IssueSymbol" "hub.log=/linkage.network.v1.ProvisionNetwork/RelayInquiry" \
  --expect "hub.log=/linkage.network.v1.ProvisionNetwork/RelayAnswer" "hub.log=/linkage.network.v1.ProvisionNetwork/CollectAnswers" \
  --expect "hub.log=Refused /linkage.network.v1.ProvisionNetwork/RequestPermit with" \
  --expect "gateway-hitachinaka.log=/linkage.v1.SymbolManagement/AcquireSymbol" "gateway-hitachinaka.log=/linkage.v1.CopyRegistration/RegisterCopies" \
  --expect "gateway-hitachinaka.log=Refused /linkage.v1.CopyRegistration/RegisterCopy with" "gateway-hitachinaka.log=/linkage.v1.CopyRegistration/GetCopy" \
  --expect "gateway-hitachinaka.log=/linkage.v1.Provision/Provide" "gateway-hitachinaka.log=/linkage.v1.Review/PreviewAnswer" \
  --expect "gateway-hitachinaka.log=/linkage.v1.Review/Approve" "gateway-hitachinaka.log=/linkage.v1.Review/Decline" \
  --expect "gateway-hitachinaka.log=Delivered the held answer of permit" "gateway-hitachinaka.log=/linkage.v1.Records/Disclose" \
  --expect "gateway-hitachinaka.log=POST https://localhost:7101/records?handler=Disclose" \
  --expect "gateway-hitachinaka.log=/linkage.v1.Records/Verify" "gateway-hitachinaka.log=/linkage.v1.Records/ListOperations" \
  --expect "gateway-mito.log=Refused /linkage.v1.Inquiry/Inquire with INQUIRY_NOT_PERMITTED" "gateway-mito.log=/linkage.v1.Inquiry/Inquire" \
  --expect "gateway-mito.log=/linkage.v1.Provision/DeliverAnswer" "gateway-mito.log=/linkage.v1.Inquiry/GetInquiryResult"
status=$?
set -e
echo "log-scan: $((SECONDS - started)) s in all"
[ "$status" -eq 0 ] || exit 1
ok=1
