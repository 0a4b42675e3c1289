#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for tests and `make run-platform`, from Debian's `postgresql` package:
# data and socket in a temporary folder, a free port on 127.0.0.1, removed afterwards.
#
#   scripts/pg-local.sh run -- COMMAND...   start a cluster, run COMMAND with LINKAGE_POSTGRES set to its
#                                          superuser connection string, stop and remove the cluster, exit as COMMAND did
#   scripts/pg-local.sh start              start one and print `export LINKAGE_POSTGRES=...; export LINKAGE_PG_DIR=...`
#   scripts/pg-local.sh stop DIR           stop the cluster of DIR and remove DIR
#
# As root, initdb and pg_ctl run as the `postgres` user (PostgreSQL refuses to run as root).
set -euo pipefail

bin_dir() {
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
    if [[ -z "$dir" || ! -x "$dir/initdb" ]]; then
        echo "pg-local: PostgreSQL is not installed; install it with: apt-get install -y postgresql" >&2
        exit 3
    fi
    echo "$dir"
}

as_owner() {
    if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

start() {
    local bin dir port password
    bin=$(bin_dir)
    dir=$(mktemp -d /tmp/linkage-pg.XXXXXX)
    [[ $(id -u) -eq 0 ]] && chown postgres: "$dir"
    chmod 700 "$dir"
    port=$(free_port)
    password=$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 24)
    echo "$password" > "$dir/pw" && [[ $(id -u) -eq 0 ]] && chown postgres: "$dir/pw"
    as_owner "$bin/initdb" -D "$dir/data" -U postgres --pwfile="$dir/pw" --auth-local=trust --auth-host=scram-sha-256 \
        -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
    rm -f "$dir/pw"
    # fsync stays on: the tests check that acknowledged writes survive a killed process, and the numbers of
    # `make bench` must be those of a durable server.
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c max_connections=1000 -c shared_buffers=256MB" \
        start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
    echo "$dir" "Host=127.0.0.1;Port=$port;Username=postgres;Password=$password;Database=postgres"
}

stop() {
    local dir=$1 bin
    bin=$(bin_dir)
    [[ -d "$dir/data" ]] && as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
}

case "${1:-}" in
    run)
        shift; [[ "${1:-}" == "--" ]] && shift
        read -r dir connection < <(start)
        trap 'stop "$dir"' EXIT
        echo "pg-local: PostgreSQL on ${connection%%;Username*} (data in $dir)" >&2
        set +e
        LINKAGE_POSTGRES="$connection" "$@"
        status=$?
        exit $status
        ;;
    start)
        read -r dir connection < <(start)
        echo "export LINKAGE_POSTGRES='$connection'; export LINKAGE_PG_DIR='$dir'"
        ;;
    stop)
        stop "${2:?usage: pg-local.sh stop DIR}"
        ;;
    *)
        sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'
        exit 2
        ;;
esac
