-- wrk script: sends requests signed ahead of time by dev.arbiter.bench.PresignedRequests, each
-- line once, the threads taking alternate lines; stops a thread when its lines run out. Counts
-- answers by status and, when PRESIGNED_IDS_OUT names a file, writes the decision ids of 201
-- answers there (one a line).
--   wrk -t2 -c8 -d20s -s scripts/presigned.lua http://127.0.0.1:8080 -- <requests-file> <threads>
local threads = {}
local counter = 0

function setup(thread)
  thread:set("tid", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  local file, n = args[1], tonumber(args[2])
  reqs = {}
  statuses = {}
  ids = {}
  capture = os.getenv("PRESIGNED_IDS_OUT") ~= nil
  local i = 0
  for line in io.lines(file) do
    if i % n == tid then
      local m, p, k, ts, nonce, sig, body = line:match("^([^\t]*)\t([^\t]*)\t([^\t]*)\t([^\t]*)\t([^\t]*)\t([^\t]*)\t(.*)$")
      local h = { ["X-Arbiter-Key-Id"] = k, ["X-Arbiter-Timestamp"] = ts, ["X-Arbiter-Nonce"] = nonce,
                  ["X-Arbiter-Signature"] = sig }
      if body ~= "" then
        h["Content-Type"] = "application/json"
        reqs[#reqs + 1] = wrk.format(m, p, h, body)
      else
        reqs[#reqs + 1] = wrk.format(m, p, h)
      end
    end
    i = i + 1
  end
  idx = 0
end

function request()
  idx = idx + 1
  if idx >= #reqs then
    ranout = true
    wrk.thread:stop()
  end
  return reqs[math.min(idx, #reqs)]
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  if capture and status == 201 then
    local id = body:match('"decisionId"%s*:%s*"([^"]+)"')
    if id then ids[#ids + 1] = id end
  end
end

function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("statuses")) do
      total[status] = (total[status] or 0) + n
    end
  end
  for _, thread in ipairs(threads) do
    if thread:get("ranout") then
      io.write("a thread ran out of signed requests before the end: the rate above is understated; sign more\n")
      break
    end
  end
  for status, n in pairs(total) do
    io.write(string.format("status %s: %d\n", status, n))
  end
  local file = os.getenv("PRESIGNED_IDS_OUT")
  if file then
    local f = io.open(file, "w")
    for _, thread in ipairs(threads) do
      for _, id in ipairs(thread:get("ids")) do f:write(id, "\n") end
    end
    f:close()
  end
  io.write(string.format("p50 %.2f ms, p90 %.2f ms, p99 %.2f ms\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000))
end
