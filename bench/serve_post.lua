-- wrk script for bench/serve_vs_peer.sh: POSTs the records of a JSON Lines file to PATH, LINES
-- records per request (1: one household as the body; more: JSON Lines), each connection
-- starting at its own place in the file and going round it.
--   wrk ... -s bench/serve_post.lua URL -- RECORDS PATH LINES
local records = {}
local path, lines
local next_record = 1

function init(args)
  for line in io.lines(args[1]) do
    if #line > 0 then records[#records + 1] = line end
  end
  path, lines = args[2], tonumber(args[3])
  next_record = math.random(#records)
end

function request()
  local body = {}
  for i = 1, lines do
    body[i] = records[next_record]
    next_record = next_record % #records + 1
  end
  return wrk.format("POST", path, {["Content-Type"] = "application/json"},
                    table.concat(body, "\n") .. (lines > 1 and "\n" or ""))
end

-- One line wrk's caller reads: requests/s, latencies in ms, and what failed.
function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
      "RESULT requests=%d seconds=%.3f rps=%.1f p50=%.3f p99=%.3f max=%.3f " ..
      "non2xx=%d connect=%d read=%d write=%d timeout=%d\n",
      summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
      latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
      errors.status, errors.connect, errors.read, errors.write, errors.timeout))
end
