#!/usr/bin/env python3
"""Drives the cusnet benchmark: each operation against cusnet (and PostGraphile and pgbench
where an equivalent exists) at each concurrency, then prints a markdown table.

Measures req/s, p50/p99 latency, errors (status and response body), server CPU µs per
request (from /proc), peak RSS and SQL statements per request (pg_stat_statements).
Only loopback addresses are used."""

import base64, json, os, re, subprocess, sys, tempfile, time, urllib.request

ENV = os.environ
BENCH = os.path.dirname(os.path.abspath(__file__))
CUSNET = f"http://127.0.0.1:{ENV['CUSNET_PORT']}/graphql"
PGL = f"http://127.0.0.1:{ENV['PGL_PORT']}/graphql"
PG_URL = ENV["PG_URL"]
DURATION = int(ENV.get("DURATION", "10"))
# Each server's DURATION seconds of a measurement are split into ROUNDS slices, taken in turn
# with the other servers' slices (cusnet, PostGraphile, pgbench, cusnet, ...): a machine
# whose speed drifts during the run then slows all of them alike instead of the one measured
# at that moment, and the ratios of one run hold. Slices are whole seconds (wrk's unit).
ROUNDS = max(1, int(ENV.get("ROUNDS", "3")))
SLICE = max(1, DURATION // ROUNDS)
WARM_UP = 2  # seconds of unrecorded load per server before an operation's measurements
LEVELS = [int(c) for c in ENV.get("CONCURRENCY", "1 16 64").split()]
TOKENS = json.loads(ENV["BENCH_TOKENS"])  # role -> token
CUSNET_PID = int(ENV["CUSNET_PID"])
PGL_PID = int(ENV.get("PGL_PID") or 0)
SQLITE = ENV.get("BENCH_BACKEND") == "sqlite"  # cusnet alone: no statement counts, no pgbench

NESTED = "nodes { id name status primaryMunicipality { name } projects { title } experts { summary person { givenName familyName } } }"
PGL_NESTED = ("nodes { id name status municipalityByPrimaryMunicipalityId { name } "
              "centreProjectsByCentreId { nodes { projectByProjectId { title } } } "
              "expertsByCentreId { nodes { summary personByPersonId { givenName familyName } } } }")
gid = lambda kind, n: base64.urlsafe_b64encode(f"{kind}:{n}".encode()).decode().rstrip("=")

# name, role, cusnet query, PostGraphile query (or None), pgbench script (or None)
OPS = [
    ("1 page of 50 centres", "viewer",
     '{ centres(first: 50, filter: { regionCodes: ["26"] }, sort: NAME_ASC) '
     '{ totalCount nodes { id name status address website updatedAt } } }',
     '{ allCentres(first: 50, condition: { ownerRegionId: "26" }, orderBy: [NAME_ASC, PRIMARY_KEY_ASC]) '
     '{ totalCount nodes { id name status address website updatedAt } } }', "page"),
    ("2 nested: one region", "viewer",
     '{ centres(first: 10, filter: { regionCodes: ["26"] }, sort: NAME_ASC) { ' + NESTED + ' } }',
     '{ allCentres(first: 10, condition: { ownerRegionId: "26" }, orderBy: [NAME_ASC, PRIMARY_KEY_ASC]) { ' + PGL_NESTED + ' } }',
     "nested_one"),
    ("3 nested: all regions", "admin",
     '{ regions(first: 16) { nodes { terytCode } } centres(first: 160, sort: NAME_ASC) { ' + NESTED + ' } }',
     '{ allRegions { nodes { id centresByOwnerRegionId(first: 10, orderBy: [NAME_ASC, PRIMARY_KEY_ASC]) { ' + PGL_NESTED + ' } } } }',
     "nested_all"),
    # A centre the viewer may read, drawn at random per request as the variable $id (see
    # post.lua): its global id for cusnet, its row id for PostGraphile.
    ("4 node(id)", "viewer",
     'query($id: ID!) { node(id: $id) { ... on Centre { id name status address version } } }',
     'query($id: BigInt!) { centreByRowId(rowId: $id) { id name status address version } }', "node"),
    ("5 search", "viewer",
     '{ centres(first: 20, filter: { search: "lagow" }) { nodes { id name } } '
     'goodPractices(first: 20, filter: { search: "klub sasiedzki" }) { nodes { id title } } }', None, "search"),
    ("6 dashboard", "viewer",
     '{ dashboard(regionCodes: ["26"]) { centresByStatus { status count } funding { projectCount requested { amount } awarded { amount } } '
     'totals { centres projects experts events trainings goodPractices } } }', None, "dashboard"),
    ("7 write: createPerson", "editor",
     'mutation { createPerson(input: { givenName: "Łucja", familyName: "Wróbel" }) { id version } }', None, None),
    ("9 syncPush of 500", "editor", None, None, None),
    ("8 changes page of 500", "admin",
     '{ changes(first: 500) { endCursor hasMore changes { sequence entityType operation version } } }', None, None),
]


def sync_push_body(token):
    """A push of 500 centres of region 26 by the office's own ids. The first run creates them,
    later ones find them unchanged; every request carries a fresh idempotency key (post.lua)."""
    req = urllib.request.Request(CUSNET, headers={"content-type": "application/json",
                                                  "authorization": "Bearer " + token},
                                 data=json.dumps({"query": '{ centres(first: 1, filter: { regionCodes: ["26"] }) '
                                                           '{ nodes { primaryMunicipality { id } } } }'}).encode())
    with urllib.request.urlopen(req, timeout=60) as r:
        muni = json.loads(r.read())["data"]["centres"]["nodes"][0]["primaryMunicipality"]["id"]
    items = ", ".join(
        '{ type: "Centre", externalId: "bench-%d", data: { name: "Punkt usług społecznych nr %d", '
        'status: "OPERATING", primaryMunicipalityId: "%s", address: "ul. Łąkowa %d" } }' % (i, i, muni, i + 1)
        for i in range(500))
    return ('mutation { syncPush(source: "bench", idempotencyKey: "__KEY__", items: [%s]) '
            '{ created updated unchanged conflicts rejected } }' % items)


def document(body, value=None):
    """The request's JSON: the query, and its $id when the operation draws one (`value`)."""
    return {"query": body, **({"variables": {"id": value}} if value is not None else {})}


def post(url, body, token=None, value=None):
    req = urllib.request.Request(url, data=json.dumps(document(body, value)).encode(),
                                 headers={"content-type": "application/json"})
    if token:
        req.add_header("authorization", "Bearer " + token)
    with urllib.request.urlopen(req, timeout=60) as r:
        raw = r.read()
    doc = json.loads(raw)
    if doc.get("errors") or not doc.get("data"):
        raise SystemExit(f"bad response from {url}: {raw[:400]!r}")
    return len(raw)


def psql(sql):
    return subprocess.run(["psql", "-qAt", PG_URL, "-c", sql], check=True,
                          capture_output=True, text=True).stdout.strip()


def settle():
    """Waits until neither server is still working off an earlier slice's requests."""
    wait_idle(CUSNET_PID)
    wait_idle(PGL_PID)


def wait_idle(pid, limit=120):
    """Waits until the server has stopped working off requests of the previous run (wrk stops
    sending at its deadline; requests already queued are still being served)."""
    if not pid:
        return
    deadline = time.time() + limit
    last = cpu_ticks(pid)
    while time.time() < deadline:
        time.sleep(0.5)
        now = cpu_ticks(pid)
        if now - last <= 1:
            return
        last = now


def statements(url, body, token, n=10, value=None):
    # PostGraphile may still be working off the previous run's queue: its statements would
    # count as ours.
    settle()
    psql("SELECT pg_stat_statements_reset()")
    for _ in range(n):
        post(url, body, token, value)
    time.sleep(0.5)  # the access log is written just after each response
    calls = psql("SELECT coalesce(sum(calls),0) FROM pg_stat_statements WHERE query NOT ILIKE '%pg_stat_statements%' "
                 "AND query NOT IN ('BEGIN', 'COMMIT', 'ROLLBACK')")
    return float(calls) / n


def cpu_ticks(pid):
    if not pid:
        return 0
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


def peak_rss_mb(pid):
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def centre_ids():
    """The row ids of the centres the viewer (region 26) may read, for operations that draw
    one per request."""
    sql = ("SELECT id FROM centre WHERE deleted_at IS NULL "
           "AND (visibility IN ('PUBLIC', 'NETWORK') OR owner_region_id = 26) ORDER BY id")
    if SQLITE:
        import sqlite3
        return [r[0] for r in sqlite3.connect(ENV["BENCH_SQLITE_FILE"]).execute(sql)]
    return [int(x) for x in psql(sql).split()]


def values_for(url, ids):
    """What __VALUE__ stands for in requests to `url`: global ids for cusnet, row ids otherwise."""
    return [gid("Centre", i) if url == CUSNET else str(i) for i in ids]


def wrk(url, body, token, c, pid, ids, seconds):
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(document(body, "__VALUE__" if ids else None), f)
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as v:
        v.write("\n".join(values_for(url, ids)) + "\n")
    env = dict(ENV, BENCH_BODY=f.name, BENCH_AUTH=token or "", BENCH_VALUES=v.name)
    before = cpu_ticks(pid)
    out = subprocess.run(["wrk", "-t", str(min(c, 2)), "-c", str(c), "-d", f"{seconds}s", "--timeout", "10s",
                          "-s", os.path.join(BENCH, "post.lua"), url], env=env, capture_output=True, text=True).stdout
    used = cpu_ticks(pid) - before
    os.unlink(f.name)
    os.unlink(v.name)
    m = re.search(r"BENCH requests=(\d+) bad=(\d+) p50_us=(\d+) p99_us=(\d+) seconds=([\d.]+)", out)
    if not m:
        raise SystemExit(f"wrk said: {out}")
    return {"requests": int(m[1]), "errors": int(m[2]), "p50": int(m[3]) / 1000,
            "p99": int(m[4]) / 1000, "seconds": float(m[5]), "ticks": used}


def combined(slices, pid):
    """One figure from a measurement's slices: req/s over their total time, the median of
    their p50s, the highest of their p99s, every error, CPU per request over all of them."""
    n = sum(s["requests"] for s in slices)
    p50s = sorted(s["p50"] for s in slices)
    return {"rps": n / sum(s["seconds"] for s in slices), "p50": p50s[len(p50s) // 2],
            "p99": max(s["p99"] for s in slices), "errors": sum(s["errors"] for s in slices),
            "cpu_us": sum(s["ticks"] for s in slices) / os.sysconf("SC_CLK_TCK") * 1e6 / max(n, 1) if pid else None,
            "slices": [round(s["requests"] / s["seconds"], 1) for s in slices]}


def pgbench(script, c, ids, seconds):
    # Scripts that draw a centre take it from the range of centre ids (bench/sql/node.sql).
    bounds = ["-D", f"lo={min(ids)}", "-D", f"hi={max(ids)}"] if ids else []
    with tempfile.TemporaryDirectory() as d:
        subprocess.run(["pgbench", "-n", "-M", "prepared", "-c", str(c), "-j", str(min(c, 2)), "-T", str(seconds),
                        *bounds,
                        "-l", "--log-prefix", os.path.join(d, "log"), "-f", os.path.join(BENCH, "sql", script + ".sql"),
                        PG_URL], check=True, capture_output=True, text=True, cwd=d)
        lat = []
        for name in os.listdir(d):
            for line in open(os.path.join(d, name)):
                lat.append(int(line.split()[2]))
    return lat, seconds


def pgbench_combined(slices):
    """pgbench's slices as one figure; its logs give every latency, so the percentiles are
    exact."""
    lat = sorted(x for sl, _ in slices for x in sl)
    pick = lambda q: lat[min(len(lat) - 1, int(q * len(lat)))] / 1000
    return {"rps": len(lat) / sum(s for _, s in slices), "p50": pick(0.5), "p99": pick(0.99),
            "slices": [round(len(sl) / s, 1) for sl, s in slices]}


def fmt(v, digits=0):
    return "–" if v is None else f"{v:,.{digits}f}"


def main():
    rows, results = [], []
    only = ENV.get("BENCH_OPS", "").split()
    pgl_up = PGL_PID != 0
    for name, role, query, pgl_query, script in OPS:
        if only and name.split()[0] not in only:
            continue
        token = TOKENS[role]
        if query is None:
            query = sync_push_body(token)
        ids = centre_ids() if "$id" in query else []
        first = lambda url: values_for(url, ids)[0] if ids else None
        size = post(CUSNET, query.replace("__KEY__", "probe-%d" % time.time_ns()), token, first(CUSNET))
        stmts = None if name[0] in "79" or SQLITE else statements(CUSNET, query, token, value=first(CUSNET))
        pgl_stmts = statements(PGL, pgl_query, None, value=first(PGL)) if pgl_up and pgl_query else None
        # Unrecorded: each server's first requests of an operation (its plans and caches).
        wait_idle(CUSNET_PID)
        wrk(CUSNET, query, token, LEVELS[0], CUSNET_PID, ids, WARM_UP)
        if pgl_up and pgl_query:
            wait_idle(PGL_PID)
            wrk(PGL, pgl_query, None, LEVELS[0], PGL_PID, ids, WARM_UP)
        for c in LEVELS:
            mine, theirs, raws = [], [], []
            for _ in range(ROUNDS):
                settle()
                mine.append(wrk(CUSNET, query, token, c, CUSNET_PID, ids, SLICE))
                if pgl_up and pgl_query:
                    settle()
                    theirs.append(wrk(PGL, pgl_query, None, c, PGL_PID, ids, SLICE))
                if script and not SQLITE:
                    settle()
                    raws.append(pgbench(script, c, ids, SLICE))
            ours = combined(mine, CUSNET_PID)
            peer = combined(theirs, PGL_PID) if theirs else None
            raw = pgbench_combined(raws) if raws else None
            rec = {"op": name, "c": c, "bytes": size, "sql_per_req": stmts, "cusnet": ours,
                   "postgraphile": peer, "postgraphile_sql_per_req": pgl_stmts, "sql": raw}
            results.append(rec)
            print(json.dumps(rec), file=sys.stderr, flush=True)
            rows.append("| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |".format(
                name, c, fmt(ours["rps"]), fmt(ours["p50"], 2), fmt(ours["p99"], 2), ours["errors"],
                fmt(ours["cpu_us"]), fmt(stmts, 1), fmt(peer and peer["rps"]), fmt(peer and peer["p99"], 2),
                fmt(raw and raw["rps"]),
                fmt(peer and ours["rps"] / peer["rps"], 2), fmt(raw and ours["rps"] / raw["rps"], 2)))
    with open(os.path.join(ENV["WORK_DIR"], "results", f"run-{int(time.time())}.json"), "w") as f:
        json.dump(results, f, indent=1)
    print("| operation | c | cusnet req/s | p50 ms | p99 ms | errors | CPU µs/req | SQL/req "
          "| PostGraphile req/s | PostGraphile p99 ms | raw SQL req/s | ÷ PostGraphile | ÷ raw SQL |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    print("\n".join(rows))
    print(f"\ncusnet peak RSS: {peak_rss_mb(CUSNET_PID):.0f} MB"
          + (f"; PostGraphile peak RSS: {peak_rss_mb(PGL_PID):.0f} MB" if pgl_up else ""))


if __name__ == "__main__":
    main()
