-- wrk script for bench/vector-search.sh: POSTs the request bodies of the file named by BODIES (one JSON body a
-- line) in turn, each thread starting at its own place in the list.
local bodies = {}
for line in io.lines(os.getenv("BODIES")) do
  bodies[#bodies + 1] = line
end

local threads = 0
function setup(thread)
  thread:set("start", threads * 7919)
  threads = threads + 1
end

local next_body
function init(args)
  next_body = start or 0
end

function request()
  next_body = next_body % #bodies + 1
  return wrk.format("POST", nil, nil, bodies[next_body])
end
