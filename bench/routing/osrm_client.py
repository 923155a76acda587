#!/usr/bin/env python3
"""Times the same random routes and one 100×100 table on two HTTP routers over keep-alive.

Usage: osrm_client.py POINTS_FILE OURS_PORT OSRM_PORT [ROUTES]
POINTS_FILE: one "lon,lat" per line; route k goes from point 2k to point 2k+1, the table uses
the first 100. Ours: GET /route?from=&to= and POST /matrix {"points"}; OSRM: GET
/route/v1/driving/a;b and GET /table/v1/driving/…. Both return a geometry (ours GeoJSON-style
coordinates, OSRM's default simplified polyline). Prints one JSON object.
"""
import http.client, json, statistics, sys, time

points = [tuple(map(float, l.split(","))) for l in open(sys.argv[1]) if l.strip()]
ours_port, osrm_port = int(sys.argv[2]), int(sys.argv[3])
routes = int(sys.argv[4]) if len(sys.argv) > 4 else 1000
pairs = [(points[2 * k], points[2 * k + 1]) for k in range(min(routes, len(points) // 2))]

def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]

def timed(conn, method, path, body=None):
    """One request on a kept-alive connection; osrm-routed closes a connection after 512
    requests (Keep-Alive: max=512), so a closed one is reopened and the request timed again."""
    headers = {"Content-Type": "application/json"} if body else {}
    for attempt in range(2):
        try:
            t = time.perf_counter()
            conn.request(method, path, body=body, headers=headers)
            r = conn.getresponse()
            data = r.read()
            return (time.perf_counter() - t) * 1000, r.status, data
        except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
            conn.close()
    raise RuntimeError("connection closed twice on " + path)

out = {}
for name, port in (("ours", ours_port), ("osrm", osrm_port)):
    conn = http.client.HTTPConnection("127.0.0.1", port)
    ms, found = [], 0
    for (a, b) in pairs[:20]:   # warm-up
        if name == "ours":
            timed(conn, "GET", "/route?from=%f,%f&to=%f,%f" % (a + b))
        else:
            timed(conn, "GET", "/route/v1/driving/%f,%f;%f,%f" % (a + b))
    for (a, b) in pairs:
        if name == "ours":
            t, status, data = timed(conn, "GET", "/route?from=%f,%f&to=%f,%f" % (a + b))
            ok = status == 200 and b'"duration_s"' in data
        else:
            t, status, data = timed(conn, "GET", "/route/v1/driving/%f,%f;%f,%f" % (a + b))
            ok = status == 200 and json.loads(data).get("code") == "Ok"
        ms.append(t)
        found += ok
    table = points[:100]
    runs, cells = [], 0
    for _ in range(5):
        if name == "ours":
            t, status, data = timed(conn, "POST", "/matrix", json.dumps({"points": [list(p) for p in table]}))
        else:
            t, status, data = timed(conn, "GET", "/table/v1/driving/" + ";".join("%f,%f" % p for p in table))
        if status != 200:
            sys.exit("%s table: HTTP %d %s" % (name, status, data[:300]))
        m = json.loads(data)["durations"]
        runs.append(t)
        cells = sum(1 for row in m for x in row if x is not None)
    out[name] = {"route_p50_ms": statistics.median(ms), "route_p99_ms": pct(ms, 99), "routes": len(pairs), "found": found,
                 "table_ms": statistics.median(runs), "table_cells_found": cells}
print(json.dumps(out))
