-- wrk script: random routes from a points file, in our API or OSRM's.
-- Usage: wrk ... -s bench/routing/wrk_routes.lua URL -- POINTS_FILE ours|osrm
local pairs, n, api = {}, 0, "ours"
init = function(args)
  api = args[2]
  local pts = {}
  for line in io.lines(args[1]) do pts[#pts + 1] = line end
  for k = 1, math.floor(#pts / 2) do pairs[#pairs + 1] = {pts[2 * k - 1], pts[2 * k]} end
end
request = function()
  n = n + 1
  local p = pairs[(n % #pairs) + 1]
  if api == "osrm" then
    return wrk.format("GET", "/route/v1/driving/" .. p[1] .. ";" .. p[2])
  end
  return wrk.format("GET", "/route?from=" .. p[1] .. "&to=" .. p[2])
end
