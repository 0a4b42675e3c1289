# Linkage — the two commands that matter: `make run` and `make test`.
SHELL := /bin/bash
DOTNET ?= dotnet
CONFIG ?= Debug
CLI := $(DOTNET) src/Linkage.Cli/bin/$(CONFIG)/net10.0/linkage.dll

.PHONY: build test run certs try bench clean

build:
	$(DOTNET) build Linkage.sln -c $(CONFIG) -nologo -v q

## Build and pass every test; TRX results land in TestResults/ (read by .ci/run).
test:
	rm -rf TestResults
	$(DOTNET) test Linkage.sln -c $(CONFIG) -nologo -v q --logger "trx;LogFilePrefix=tests" --results-directory TestResults

## Development CA, certificates and secrets into certs-dev/; keeps what exists.
certs: build
	CONFIG=$(CONFIG) certs-dev/make-certs.sh

## Start gateway x2 + hub + registry on embedded SQLite, seed demo data, print the addresses. Ctrl-C stops all.
run: certs
	CONFIG=$(CONFIG) scripts/run-local.sh

## Send one inquiry (Mito asks Hitachinaka about a resident) while `make run` is up, and print the answer.
try:
	CONFIG=$(CONFIG) scripts/try.sh

## Benchmarks; figures go to BENCHMARKS.md.
bench:
	CONFIG=Release scripts/bench.sh

clean:
	$(DOTNET) clean Linkage.sln -nologo -v q
	rm -rf TestResults .run
