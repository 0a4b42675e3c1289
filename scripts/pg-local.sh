#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for tests and `make run-platform`, from Debian's `postgresql` package:
# data and socket in a temporary folder, a free port on 127.0.0.1, removed afterwards.
#
#   scripts/pg-local.sh run -- COMMAND...   start a cluster, run COMMAND with LINKAGE_POSTGRES set to its
#                                          superuser connection string, stop and remove the cluster, exit as COMMAND did
#   scripts/pg-local.sh start              start one and print `export LINKAGE_POSTGRES=...; export LINKAGE_PG_DIR=...`
#   scripts/pg-local.sh stop DIR           stop the cluster of DIR and remove DIR
#   scripts/pg-local.sh standby DIR        a standby of the cluster of DIR (pg_basebackup, streaming), made the primary's
#                                          synchronous standby; prints `export LINKAGE_PG_STANDBY_PORT=...;
#                                          export LINKAGE_PG_STANDBY_DIR=...` (same superuser and password as the primary)
#   scripts/pg-local.sh promote DIR        promote the standby of DIR (pg_ctl promote), waiting until it takes writes
#   scripts/pg-local.sh kill DIR           SIGKILL the postmaster of DIR, as a crashed server (its backends follow)
#   scripts/pg-local.sh run --standby -- COMMAND...   as run, with a synchronous standby; LINKAGE_POSTGRES names both
#                                          servers (Target Session Attributes=primary), LINKAGE_PG_DIR and
#                                          LINKAGE_PG_STANDBY_DIR the two clusters, for COMMAND to kill and promote
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

# The server's settings, on its command line: a standby must match the primary's max_connections to take queries.
server_options() {
    echo "-c listen_addresses=127.0.0.1 -c port=$1 -c unix_socket_directories=$2 -c max_connections=1000 -c shared_buffers=256MB"
}

new_dir() {
    local dir
    dir=$(mktemp -d /tmp/linkage-pg.XXXXXX)
    [[ $(id -u) -eq 0 ]] && chown postgres: "$dir"
    chmod 700 "$dir"
    echo "$dir"
}

# The port a running cluster of DIR listens on (line 4 of its postmaster.pid).
port_of() { sed -n 4p "$1/data/postmaster.pid"; }

psql_on() {
    local dir=$1; shift
    as_owner "$(bin_dir)/psql" -X -q -A -t -h "$dir" -p "$(port_of "$dir")" -U postgres -d postgres -v ON_ERROR_STOP=1 "$@"
}

start() {
    local bin dir port password
    bin=$(bin_dir)
    dir=$(new_dir)
    port=$(free_port)
    password=$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 24)
    echo "$password" > "$dir/pw" && [[ $(id -u) -eq 0 ]] && chown postgres: "$dir/pw"
    as_owner "$bin/initdb" -D "$dir/data" -U postgres --pwfile="$dir/pw" --auth-local=trust --auth-host=scram-sha-256 \
        -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
    rm -f "$dir/pw"
    # fsync stays on: the tests check that acknowledged writes survive a killed process, and the numbers of
    # `make bench` must be those of a durable server.
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "$(server_options "$port" "$dir")" start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
    echo "$dir" "Host=127.0.0.1;Port=$port;Username=postgres;Password=$password;Database=postgres"
}

# A hot standby of the primary of DIR, streaming from it, then named the primary's synchronous standby: from then on a
# commit the primary acknowledges is on the standby's disk too (synchronous_commit=on waits for its flush).
standby() {
    local primary=$1 bin dir port primary_port
    bin=$(bin_dir)
    primary_port=$(port_of "$primary")
    dir=$(new_dir)
    port=$(free_port)
    # Over the primary's socket, where the superuser is trusted (initdb's `local replication all trust`).
    as_owner "$bin/pg_basebackup" -h "$primary" -p "$primary_port" -U postgres -D "$dir/data" -X stream -c fast \
        >"$dir/basebackup.log" 2>&1 || { cat "$dir/basebackup.log" >&2; exit 1; }
    as_owner touch "$dir/data/standby.signal"
    echo "primary_conninfo = 'host=$primary port=$primary_port user=postgres application_name=linkage_standby'" \
        | as_owner tee -a "$dir/data/postgresql.auto.conf" >/dev/null
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 -o "$(server_options "$port" "$dir")" start >/dev/null \
        || { cat "$dir/server.log" >&2; exit 1; }
    # Synchronous only once it streams: a primary waiting for a standby that is not there yet would stop every commit.
    wait_for "$primary" "SELECT count(*) FROM pg_stat_replication WHERE application_name = 'linkage_standby' AND state = 'streaming'"
    psql_on "$primary" -c "ALTER SYSTEM SET synchronous_standby_names = 'linkage_standby'" \
        -c "ALTER SYSTEM SET synchronous_commit = 'on'" -c "SELECT pg_reload_conf()" >/dev/null
    wait_for "$primary" "SELECT count(*) FROM pg_stat_replication WHERE application_name = 'linkage_standby' AND sync_state = 'sync'"
    echo "$dir" "$port"
}

# Waits up to 60 s until QUERY (a count) on the cluster of DIR answers 1.
wait_for() {
    local dir=$1 query=$2
    for _ in $(seq 600); do
        [[ $(psql_on "$dir" -c "$query") == 1 ]] && return 0
        sleep 0.1
    done
    echo "pg-local: gave up waiting for: $query" >&2
    exit 1
}

promote() {
    local dir=$1
    as_owner "$(bin_dir)/pg_ctl" -D "$dir/data" -w -t 60 promote >/dev/null
}

# SIGKILL to the postmaster alone, as a crash: its backends end themselves on finding it gone, without a checkpoint.
kill_primary() {
    local dir=$1 pid
    pid=$(head -1 "$dir/data/postmaster.pid")
    kill -KILL "$pid"
    # Gone, or a zombie its parent has not reaped yet (which listens no more either).
    while kill -0 "$pid" 2>/dev/null && [[ $(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null) != Z ]]; do sleep 0.01; done
}

stop() {
    local dir=$1 bin
    bin=$(bin_dir)
    [[ -d "$dir/data" ]] && as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
}

case "${1:-}" in
    run)
        shift
        with_standby=""
        [[ "${1:-}" == "--standby" ]] && { with_standby=1; shift; }
        [[ "${1:-}" == "--" ]] && shift
        read -r dir connection < <(start)
        standby_dir=""
        trap 'stop "$dir"; [[ -n "$standby_dir" ]] && stop "$standby_dir"' EXIT
        echo "pg-local: PostgreSQL on ${connection%%;Username*} (data in $dir)" >&2
        if [[ -n "$with_standby" ]]; then
            read -r standby_dir standby_port < <(standby "$dir")
            # Both servers in one Host list; Npgsql connects to whichever of them is the primary.
            primary_port=$(port_of "$dir")
            connection="Host=127.0.0.1:$primary_port,127.0.0.1:$standby_port;Target Session Attributes=primary;${connection#*Port=*;}"
            export LINKAGE_PG_DIR="$dir" LINKAGE_PG_STANDBY_DIR="$standby_dir"
            echo "pg-local: synchronous standby on 127.0.0.1:$standby_port (data in $standby_dir)" >&2
        fi
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
    standby)
        read -r standby_dir standby_port < <(standby "${2:?usage: pg-local.sh standby DIR}")
        echo "export LINKAGE_PG_STANDBY_PORT='$standby_port'; export LINKAGE_PG_STANDBY_DIR='$standby_dir'"
        ;;
    promote)
        promote "${2:?usage: pg-local.sh promote DIR}"
        ;;
    kill)
        kill_primary "${2:?usage: pg-local.sh kill DIR}"
        ;;
    *)
        sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'
        exit 2
        ;;
esac
