#!/usr/bin/env bash
# One benchmark run (after bench/setup.sh): starts the release server and PostGraphile on the
# same PostgreSQL data, drives both and pgbench at each concurrency, prints the table, stops
# what it started. `SKIP_POSTGRAPHILE=1` measures cusnet and raw SQL only; `BACKEND=sqlite`
# measures cusnet alone on a SQLite file with the same synthetic network (made on first use).
set -euo pipefail
. "$(dirname "$0")/env.sh"
"$BENCH_DIR/pg.sh" start
for port in "$CUSNET_PORT" "$PGL_PORT"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "port $port is in use (a server still running or draining?); stop it first"; exit 1
  fi
done
LOG="$WORK_DIR/results"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

wait_for() {  # wait_for URL PID
  for _ in $(seq 1 120); do
    curl -fsS -m 2 -X POST "$1" -H 'content-type: application/json' -d '{"query":"{__typename}"}' >/dev/null 2>&1 && return 0
    kill -0 "$2" 2>/dev/null || { echo "server $2 exited"; return 1; }
    sleep 0.5
  done
  echo "no answer from $1"; return 1
}

export CUSNET_JWT_SECRET="$JWT_SECRET"
if [ "${BACKEND:-postgres}" = "sqlite" ]; then
  # The embedded default: the same synthetic network in a SQLite file, cusnet alone.
  SQLITE_FILE="$WORK_DIR/sqlite/cusnet.db"
  if [ ! -f "$SQLITE_FILE.seed" ]; then
    mkdir -p "$(dirname "$SQLITE_FILE")"
    rm -f "$SQLITE_FILE" "$SQLITE_FILE-wal" "$SQLITE_FILE-shm"
    DATABASE_URL="sqlite://$SQLITE_FILE" "$CUSNET_BIN" seed --synthetic --scale "$SCALE"
    sqlite_db="$SQLITE_FILE" python3 -c 'import os, sqlite3; sqlite3.connect(os.environ["sqlite_db"]).execute("PRAGMA wal_checkpoint(TRUNCATE)")'
    cp "$SQLITE_FILE" "$SQLITE_FILE.seed"
  fi
  # Every run starts from the freshly generated network: the write operations add rows.
  rm -f "$SQLITE_FILE-wal" "$SQLITE_FILE-shm"
  cp "$SQLITE_FILE.seed" "$SQLITE_FILE"
  export DATABASE_URL="sqlite://$SQLITE_FILE" SKIP_POSTGRAPHILE=1 BENCH_BACKEND=sqlite BENCH_SQLITE_FILE="$SQLITE_FILE"
else
  # Every run starts from the state bench/setup.sh left: the write operations add rows.
  ADMIN_URL="postgres://postgres@127.0.0.1:$PG_PORT/postgres"
  if [ "$(psql -qAt "$ADMIN_URL" -c "SELECT count(*) FROM pg_database WHERE datname = '${PG_DB}_seed'")" = "1" ]; then
    psql -q "$ADMIN_URL" -c "DROP DATABASE IF EXISTS $PG_DB" -c "CREATE DATABASE $PG_DB TEMPLATE ${PG_DB}_seed"
  else
    echo "no ${PG_DB}_seed database (made by bench/setup.sh): measuring $PG_DB as it is"
  fi
  export DATABASE_URL="$PG_URL"
fi
CUSNET_ENV=production CUSNET_BIND="127.0.0.1:$CUSNET_PORT" CUSNET_DEMO_SEED=false \
  CUSNET_MAX_PAGE_SIZE=200 CUSNET_RATE_PER_MINUTE=0 CUSNET_SYNC_RATE_PER_MINUTE=0 RUST_LOG=warn "$CUSNET_BIN" serve > "$LOG/cusnet.log" 2>&1 &
CUSNET_PID=$!; pids+=("$CUSNET_PID")
wait_for "http://127.0.0.1:$CUSNET_PORT/graphql" "$CUSNET_PID"

PGL_PID=""
if [ -z "${SKIP_POSTGRAPHILE:-}" ]; then
  (cd "$WORK_DIR/peers/postgraphile" && GRAPHILE_ENV=production NODE_ENV=production exec "$NODE" \
     node_modules/postgraphile/dist/cli-run.js -P postgraphile/presets/amber -c "$PG_URL" -s public \
     -n 127.0.0.1 -p "$PGL_PORT" > "$LOG/postgraphile.log" 2>&1) &
  PGL_PID=$!; pids+=("$PGL_PID")
  wait_for "http://127.0.0.1:$PGL_PORT/graphql" "$PGL_PID"
fi

token() { "$CUSNET_BIN" token --ttl 8h "$@"; }
BENCH_TOKENS=$(printf '{"viewer":"%s","editor":"%s","admin":"%s"}' \
  "$(token --role region-viewer --region 26)" "$(token --role region-editor --region 26)" \
  "$(token --role network-admin)")
export BENCH_TOKENS CUSNET_PID PGL_PID CUSNET_PORT PGL_PORT PG_URL DURATION CONCURRENCY WORK_DIR
echo "# ${BACKEND:-postgres}, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), scale $SCALE, load before: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 "$BENCH_DIR/bench.py" 2> "$LOG/last-run.jsonl"
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)"
