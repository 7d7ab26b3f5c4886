#!/usr/bin/env python3
"""Prints the registry crate names of a Cargo.lock (default: ./Cargo.lock), one per line, sorted.

Workspace members have no `source` and are left out: they are ours and never in RustSec.
Used by audit.sh for the coverage check and by the refresh procedure in README.md.
"""
import sys
import tomllib

path = sys.argv[1] if len(sys.argv) > 1 else "Cargo.lock"
with open(path, "rb") as f:
    lock = tomllib.load(f)
for name in sorted({p["name"] for p in lock.get("package", []) if "source" in p}):
    print(name)
