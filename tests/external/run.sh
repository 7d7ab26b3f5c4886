#!/usr/bin/env bash
# External audits against a running cusnet server: the graphql-http conformance suite and
# schemathesis in GraphQL mode (positive and negative). Starts `cusnet serve` on a throwaway
# SQLite file and a free port, runs both, stops the server.
#
# Usage: tests/external/run.sh [path/to/cusnet]   (default: target/debug/cusnet)
# Needs: node + npm (installs tests/external/node_modules with `npm ci`), python3 (creates
# tests/external/.venv from requirements.txt). SCHEMATHESIS_EXAMPLES bounds the examples per
# operation and mode (default 10).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
bin="${1:-$root/target/debug/cusnet}"
examples="${SCHEMATHESIS_EXAMPLES:-10}"

[ -x "$bin" ] || { echo "no cusnet binary at $bin (build it first)" >&2; exit 2; }

echo "--- installing the audit tools"
(cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
if [ ! -x "$here/.venv/bin/st" ]; then
  python3 -m venv "$here/.venv"
fi
"$here/.venv/bin/pip" install --quiet --disable-pip-version-check -r "$here/requirements.txt"

work="$(mktemp -d)"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
export DATABASE_URL="sqlite://$work/cusnet.db"
export CUSNET_JWT_SECRET="external-audit-secret-$(python3 -c 'import secrets; print(secrets.token_hex(16))')"
export CUSNET_BIND="127.0.0.1:$port"
unset CUSNET_ENV
url="http://127.0.0.1:$port/graphql"

echo "--- starting cusnet on port $port"
"$bin" serve > "$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 120); do
  if curl -fsS "http://127.0.0.1:$port/readyz" > /dev/null 2>&1; then break; fi
  if ! kill -0 "$server_pid" 2>/dev/null; then cat "$work/server.log" >&2; exit 1; fi
  sleep 0.5
done
curl -fsS "http://127.0.0.1:$port/readyz" > /dev/null || { cat "$work/server.log" >&2; exit 1; }
token="$("$bin" token --role network-admin --ttl 2h)"

status=0
echo "--- graphql-http audit"
node "$here/graphql-http-audit.mjs" "$url" || status=1

for mode in positive negative; do
  echo "--- schemathesis ($mode, $examples examples per operation)"
  # Run from the temp dir: schemathesis keeps a cache in its working directory.
  if ! (cd "$work" && PYTHONPATH="$here" SCHEMATHESIS_HOOKS=hooks "$here/.venv/bin/st" run "$url" \
      --header "Authorization: Bearer $token" \
      --mode "$mode" \
      --max-examples "$examples" \
      --seed 20261123 \
      --checks not_a_server_error \
      --workers 2 \
      --generation-database none \
      --no-color); then
    status=1
  fi
done

if ! kill -0 "$server_pid" 2>/dev/null; then
  echo "cusnet stopped during the audits" >&2
  status=1
fi
if grep -q "panicked" "$work/server.log"; then
  echo "cusnet panicked during the audits:" >&2
  grep -A3 "panicked" "$work/server.log" >&2
  status=1
fi
exit "$status"
