# Linkage — the two commands that matter: `make run` and `make test`.
SHELL := /bin/bash
DOTNET ?= dotnet
CONFIG ?= Debug
CLI := $(DOTNET) src/Linkage.Cli/bin/$(CONFIG)/net10.0/linkage.dll

.PHONY: build test test-pg soak mutate fuzz run run-platform certs try log-scan bench clean

build:
	$(DOTNET) build Linkage.sln -c $(CONFIG) -nologo -v q

## Build and pass every test; TRX results land in TestResults/ (read by .ci/run). Tests that need a PostgreSQL server
## (trait Storage=PostgreSql) run in `make test-pg`.
test:
	rm -rf TestResults
	$(DOTNET) test Linkage.sln -c $(CONFIG) -nologo -v q --filter "Storage!=PostgreSql" --logger "trx;LogFilePrefix=tests" --results-directory TestResults

## The gateway, end-to-end and CLI suites again, every gateway on PostgreSQL: a throwaway cluster from Debian's
## `postgresql` (scripts/pg-local.sh; apt-get install -y postgresql), one schema and role per institution in a database
## per test gateway. TRX results land in TestResults/postgresql/.
test-pg:
	rm -rf TestResults/postgresql
	scripts/pg-local.sh run -- $(DOTNET) test Linkage.Postgres.slnf -c $(CONFIG) -nologo -v q --logger "trx;LogFilePrefix=tests-pg" --results-directory TestResults/postgresql

## The crash matrix's whole form: the gateway as its own process under a mixed load, killed with SIGKILL 20 times at
## moments drawn from a seed, checked after every restart (make test runs the same test with 3 kills). The seed is
## printed; LINKAGE_CRASH_SEED=N replays one, CRASH_KILLS=N changes the number of kills. On PostgreSQL:
## scripts/pg-local.sh run -- make soak
CRASH_KILLS ?= 20
soak:
	LINKAGE_CRASH_KILLS=$(CRASH_KILLS) $(DOTNET) test tests/Linkage.EndToEnd.Tests -c $(CONFIG) -nologo -v q \
		--filter "FullyQualifiedName~Linkage.EndToEnd.Tests.CrashMatrix" --logger "console;verbosity=detailed"

## Mutation testing of src/Linkage.Domain with dotnet-stryker (stryker-config.json: every test project, string
## literals not mutated); html, json and markdown reports in TestResults/mutation/reports/. Not part of `make test`:
## it took 50 minutes on the shared 2 cores (418 mutants, most of the time in end-to-end test hosts). Build nothing
## else in this tree meanwhile: the mutated Linkage.Domain.dll sits in the test projects' bin folders. To iterate
## on a few files with the fast unit tests only, from src/Linkage.Domain:
##   dotnet stryker -f ../../stryker-config.json -tp ../../tests/Linkage.Domain.Tests/Linkage.Domain.Tests.csproj -m "**/Permits/*.cs"
mutate:
	$(DOTNET) tool restore && cd src/Linkage.Domain && $(DOTNET) stryker -f ../../stryker-config.json -O ../../TestResults/mutation

## Coverage-guided fuzzing of the permit and copy parsers (fuzz/Linkage.Fuzz): SharpFuzz instruments them and Debian's
## afl++ (apt-get install -y afl++) runs each for FUZZ_SECONDS (default 60); prints executions, crashes and hangs per
## target and copies every crashing or hanging input into fuzz/regressions/, which `make test` replays. Fails on any.
FUZZ_SECONDS ?= 60
fuzz:
	FUZZ_SECONDS=$(FUZZ_SECONDS) scripts/fuzz.sh

## Development CA, certificates and secrets into certs-dev/; keeps what exists.
certs: build
	CONFIG=$(CONFIG) certs-dev/make-certs.sh

## Start gateway x2 + hub + registry on embedded SQLite, seed demo data, print the addresses. Ctrl-C stops all.
run: certs
	CONFIG=$(CONFIG) scripts/run-local.sh

## The platform: two nodes serving Hitachinaka, Mito and Tsukuba from a throwaway PostgreSQL cluster (a schema and a
## role per city), with the hub spreading over both; prints where everything listens. Ctrl-C stops all and removes it.
run-platform: certs
	CONFIG=$(CONFIG) scripts/run-platform.sh

## Send one inquiry (Mito asks Hitachinaka about a resident) while `make run` is up, and print the answer.
try:
	CONFIG=$(CONFIG) scripts/try.sh

## The log scan (RELIABILITY.md): a full demo run (make run, make try, another municipality, a load, a review, a
## disclosure) in a temporary folder and, as root, a network namespace of its own; then every log it wrote is searched
## for the demo's own personal data (scripts/log-scan.sh). Prints file:line and kind of each finding; exits 1 on any.
log-scan: certs
	CONFIG=$(CONFIG) scripts/log-scan.sh

## Benchmarks; figures go to BENCHMARKS.md.
bench:
	CONFIG=Release scripts/bench.sh

clean:
	$(DOTNET) clean Linkage.sln -nologo -v q
	rm -rf TestResults .run .run-platform
