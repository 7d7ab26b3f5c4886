#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the benchmark: `bench/pg.sh start` or `bench/pg.sh stop`.
# Loopback only, trust authentication, pg_stat_statements loaded (statements per operation).
set -euo pipefail
. "$(dirname "$0")/env.sh"
DATA="$WORK_DIR/pg"
case "${1:-start}" in
start)
  if [ -f "$DATA/postmaster.pid" ] && kill -0 "$(head -1 "$DATA/postmaster.pid")" 2>/dev/null; then
    echo "postgres already running on port $PG_PORT"; exit 0
  fi
  if [ ! -f "$DATA/PG_VERSION" ]; then
    mkdir -p "$DATA"
    [ "$(id -u)" = "0" ] && chown postgres:postgres "$DATA" "$WORK_DIR"
    as_pg "$PG_BIN/initdb" -D "$DATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    cat >> "$DATA/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$DATA'
max_connections = 200
shared_buffers = 256MB
synchronous_commit = off
shared_preload_libraries = 'pg_stat_statements'
pg_stat_statements.track = top
CONF
  fi
  as_pg "$PG_BIN/pg_ctl" -D "$DATA" -l "$DATA/server.log" -w start >/dev/null
  echo "postgres started on 127.0.0.1:$PG_PORT"
  ;;
stop)
  as_pg "$PG_BIN/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null && echo "postgres stopped"
  ;;
*) echo "usage: $0 start|stop"; exit 2 ;;
esac
