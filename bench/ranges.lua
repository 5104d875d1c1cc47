-- Random ranges of CHUNK bytes (default 1 MiB) of a file of SIZE bytes (environment), with an optional bearer
-- TOKEN; prints one RESULT line: requests, p50 ms, p99 ms, requests/s, and the count of answers other than 206
-- or 302.
local size = tonumber(os.getenv("SIZE"))
local token = os.getenv("TOKEN")
local chunk = tonumber(os.getenv("CHUNK") or "1048576")
local unexpected = 0
math.randomseed(os.time())

request = function()
  local first = math.random(0, size - chunk)
  wrk.headers["Range"] = "bytes=" .. first .. "-" .. (first + chunk - 1)
  if token and token ~= "" then wrk.headers["Authorization"] = "Bearer " .. token end
  return wrk.format("GET")
end

response = function(status, headers, body)
  if status ~= 206 and status ~= 302 then unexpected = unexpected + 1 end
end

done = function(summary, latency, requests)
  io.write(string.format("RESULT %d %.2f %.2f %.1f %d\n", summary.requests,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.requests / (summary.duration / 1e6), summary.errors.status + unexpected))
end
