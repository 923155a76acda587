-- wrk script: a mix of read endpoints, varied per request (see bench/server/soak.sh).
local n = 0
local sites = {"im-hhht-dazhao-temple", "im-bt-meidaizhao", "im-hhht-qianjinxiang-community"}
request = function()
  n = n + 1
  local k = n % 8
  if k == 0 then
    return wrk.format("GET", string.format("/route?from=%.4f,40.8100&to=109.8400,%.4f&profile=coach", 111.5 + (n % 50) / 100, 40.5 + (n % 30) / 100))
  elseif k == 1 then
    return wrk.format("GET", string.format("/collections/sites/items?bbox=%.1f,40,%.1f,42&limit=20", 110 + (n % 10) / 10, 112 + (n % 10) / 10))
  elseif k == 2 then
    return wrk.format("GET", string.format("/collections/towns/items?limit=50&offset=%d", n % 300))
  elseif k == 3 then
    return wrk.format("GET", "/collections/sites/items/" .. sites[(n % 3) + 1])
  elseif k == 4 then
    return wrk.format("GET", string.format("/reach?from=Hohhot&minutes=%d&profile=car", 20 + n % 40))
  elseif k == 5 then
    return wrk.format("POST", "/matrix", {["Content-Type"] = "application/json"},
      '{"sites": ["im-hhht-dazhao-temple", "im-bt-meidaizhao", "im-hhht-qianjinxiang-community"]}')
  elseif k == 6 then
    return wrk.format("GET", "/collections/sites/items?kind=museum&limit=5&f=html", {["Accept"] = "text/html"})
  else
    return wrk.format("GET", "/collections")
  end
end
