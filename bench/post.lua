-- wrk script: POSTs the GraphQL body in $BENCH_BODY with $BENCH_AUTH (if set), and counts
-- responses whose body carries no data or an `errors` member.
local f = assert(io.open(os.getenv("BENCH_BODY"), "r"))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/json"
local auth = os.getenv("BENCH_AUTH")
if auth and auth ~= "" then wrk.headers["Authorization"] = "Bearer " .. auth end

-- A body holding __KEY__ gets a fresh value per request (idempotency keys of sync pushes).
-- A body holding __VALUE__ gets one of the lines of the file in $BENCH_VALUES, drawn at
-- random per request (the ids of `node` lookups).
local template = wrk.body
local keyed = template:find("__KEY__", 1, true) ~= nil
local values = {}
if template:find("__VALUE__", 1, true) then
  for line in assert(io.open(assert(os.getenv("BENCH_VALUES")), "r")):lines() do
    if line ~= "" then table.insert(values, line) end
  end
  assert(#values > 0, "BENCH_VALUES is empty")
end
local threads = {}
function setup(thread)
  table.insert(threads, thread)
  thread:set("tid", #threads)
end
function init(args)
  bad = 0
  sent = 0
  run = tostring(os.time())
  math.randomseed(os.time() * 100 + tid)
end
function request()
  if #values > 0 then
    local value = values[math.random(#values)]
    return wrk.format(nil, nil, nil, (template:gsub("__VALUE__", value)))
  end
  if not keyed then return wrk.format() end
  sent = sent + 1
  local key = "bench-" .. run .. "-" .. tid .. "-" .. sent
  return wrk.format(nil, nil, nil, (template:gsub("__KEY__", key)))
end
function response(status, headers, body)
  if status ~= 200 or body:find('"errors"', 1, true) or not body:find('"data":{', 1, true) then
    bad = bad + 1
  end
end
function done(summary, latency, requests)
  local total = 0
  for _, t in ipairs(threads) do total = total + t:get("bad") end
  io.write(string.format("BENCH requests=%d bad=%d p50_us=%d p99_us=%d seconds=%.3f\n",
    summary.requests, total + summary.errors.status + summary.errors.connect
      + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50), latency:percentile(99), summary.duration / 1e6))
end
