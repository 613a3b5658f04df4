-- wrk script for bench/serve_load.sh: POST /v1/evaluate with the records of a JSON Lines file,
-- one after the other, each connection starting at its own line.
local records = {}
local next_record = 1

function init(args)
  for line in io.lines(args[1]) do
    if #line > 0 then records[#records + 1] = line end
  end
  next_record = math.random(#records)
end

function request()
  local body = records[next_record]
  next_record = next_record % #records + 1
  return wrk.format("POST", "/v1/evaluate?as_of=2026-11-01",
                    {["Content-Type"] = "application/json"}, body)
end

function done(summary, latency, requests)
  io.write(string.format("p50 %.2f ms, p99 %.2f ms, max %.2f ms\n",
                         latency:percentile(50) / 1000, latency:percentile(99) / 1000,
                         latency.max / 1000))
end
